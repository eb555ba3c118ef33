/// The version of this package, recorded in every dataset and checkpoint we write.
public enum SoftwareVersion {
    public static let string = "0.1.0"
}

namespace HyperVIsolation.Operator.Manifests;

/// <summary>
/// Thrown when the API types cannot be turned into a CustomResourceDefinition the API server
/// would accept (missing docs, unsupported member types, list-map keys that may be absent).
/// </summary>
internal sealed class ManifestGenerationException : Exception
{
    public ManifestGenerationException(string message)
        : base(message)
    {
    }

    public ManifestGenerationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ManifestGenerationException()
    {
    }
}

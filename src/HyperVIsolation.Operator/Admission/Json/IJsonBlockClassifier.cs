namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>Computes <see cref="JsonBlockMasks"/> of a 64-byte block with vectors of one width.</summary>
internal interface IJsonBlockClassifier
{
    /// <summary>The masks of <paramref name="block"/>, which is 64 bytes long.</summary>
    static abstract JsonBlockMasks Classify(ReadOnlySpan<byte> block);
}

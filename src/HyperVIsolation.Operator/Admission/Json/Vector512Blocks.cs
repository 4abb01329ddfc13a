using System.Runtime.Intrinsics;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>One 512-bit vector per block.</summary>
internal readonly struct Vector512Blocks : IJsonBlockClassifier
{
    /// <inheritdoc />
    public static JsonBlockMasks Classify(ReadOnlySpan<byte> block)
    {
        var bytes = Vector512.Create(block);
        // Setting bit 0x20 folds '[' onto '{' and ']' onto '}'; no other byte lands on either.
        var folded = bytes | Vector512.Create((byte)0x20);
        return new(
            Vector512.Equals(bytes, Vector512.Create((byte)'"')).ExtractMostSignificantBits(),
            Vector512.Equals(bytes, Vector512.Create((byte)'\\')).ExtractMostSignificantBits(),
            Vector512.Equals(folded, Vector512.Create((byte)'{')).ExtractMostSignificantBits(),
            Vector512.Equals(folded, Vector512.Create((byte)'}')).ExtractMostSignificantBits());
    }
}

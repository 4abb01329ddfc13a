using System.Runtime.Intrinsics;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>Two 256-bit vectors per block.</summary>
internal readonly struct Vector256Blocks : IJsonBlockClassifier
{
    /// <inheritdoc />
    public static JsonBlockMasks Classify(ReadOnlySpan<byte> block)
    {
        var low = Half(Vector256.Create(block));
        var high = Half(Vector256.Create(block[32..]));
        return new(low.Quotes | high.Quotes << 32, low.Backslashes | high.Backslashes << 32, low.Opens | high.Opens << 32, low.Closes | high.Closes << 32);
    }

    private static JsonBlockMasks Half(Vector256<byte> bytes)
    {
        // Setting bit 0x20 folds '[' onto '{' and ']' onto '}'; no other byte lands on either.
        var folded = bytes | Vector256.Create((byte)0x20);
        return new(
            Vector256.Equals(bytes, Vector256.Create((byte)'"')).ExtractMostSignificantBits(),
            Vector256.Equals(bytes, Vector256.Create((byte)'\\')).ExtractMostSignificantBits(),
            Vector256.Equals(folded, Vector256.Create((byte)'{')).ExtractMostSignificantBits(),
            Vector256.Equals(folded, Vector256.Create((byte)'}')).ExtractMostSignificantBits());
    }
}

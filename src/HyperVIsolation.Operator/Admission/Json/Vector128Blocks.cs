using System.Runtime.Intrinsics;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>Four 128-bit vectors per block, which every supported processor has.</summary>
internal readonly struct Vector128Blocks : IJsonBlockClassifier
{
    /// <inheritdoc />
    public static JsonBlockMasks Classify(ReadOnlySpan<byte> block)
    {
        ulong quotes = 0, backslashes = 0, opens = 0, closes = 0;
        for (var at = 0; at < 64; at += 16)
        {
            var bytes = Vector128.Create(block[at..]);
            // Setting bit 0x20 folds '[' onto '{' and ']' onto '}'; no other byte lands on either.
            var folded = bytes | Vector128.Create((byte)0x20);
            quotes |= (ulong)Vector128.Equals(bytes, Vector128.Create((byte)'"')).ExtractMostSignificantBits() << at;
            backslashes |= (ulong)Vector128.Equals(bytes, Vector128.Create((byte)'\\')).ExtractMostSignificantBits() << at;
            opens |= (ulong)Vector128.Equals(folded, Vector128.Create((byte)'{')).ExtractMostSignificantBits() << at;
            closes |= (ulong)Vector128.Equals(folded, Vector128.Create((byte)'}')).ExtractMostSignificantBits() << at;
        }

        return new(quotes, backslashes, opens, closes);
    }
}

using System.Numerics;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>
/// The state of <see cref="JsonContainerEnd"/> from one 64-byte block to the next: the bracket depth, whether the
/// block starts inside a string, and whether its first byte is escaped by a backslash that ended the block before.
/// </summary>
internal struct JsonBlockScan
{
    private const int Block = 64;

    private int depth;
    private ulong insideString;
    private bool escapesNext;

    /// <summary>Takes in the next block; the index in it of the bracket that closes the container, or -1.</summary>
    public int Next(JsonBlockMasks block)
    {
        var quotes = block.Quotes & ~Escaped(block.Backslashes);

        // Bit i of the prefix XOR is set from an opening quote up to (not including) its closing one.
        var strings = PrefixXor(quotes) ^ insideString;
        insideString = (ulong)((long)strings >> 63);
        var opens = block.Opens & ~strings;
        var closes = block.Closes & ~strings;

        // Walking the brackets one by one is needed only when there are enough closing ones to reach depth 0.
        var closeCount = BitOperations.PopCount(closes);
        if (closeCount < depth)
        {
            depth += BitOperations.PopCount(opens) - closeCount;
            return -1;
        }

        for (var brackets = opens | closes; brackets != 0; brackets &= brackets - 1)
        {
            var bit = BitOperations.TrailingZeroCount(brackets);
            if ((opens & (1UL << bit)) != 0)
            {
                depth++;
            }
            else if (--depth == 0)
            {
                return bit;
            }
        }

        return -1;
    }

    private static ulong PrefixXor(ulong bits)
    {
        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        bits ^= bits << 32;
        return bits;
    }

    /// <summary>
    /// The bytes a backslash escapes. A backslash escaped by the one before it escapes nothing, so runs are taken
    /// pairwise from their start; a run's odd last backslash at the end of the block escapes the next block's first byte.
    /// </summary>
    private ulong Escaped(ulong backslashes)
    {
        var escaped = 0UL;
        if (escapesNext)
        {
            escaped = 1;
            backslashes &= ~1UL;
            escapesNext = false;
        }

        while (backslashes != 0)
        {
            var bit = BitOperations.TrailingZeroCount(backslashes);
            if (bit == Block - 1)
            {
                escapesNext = true;
                break;
            }

            escaped |= 1UL << (bit + 1);
            backslashes &= ~(3UL << bit);
        }

        return escaped;
    }
}

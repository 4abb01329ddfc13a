using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>
/// Finds where a JSON object or array ends without tokenizing it, 64 bytes at a time. Vector compares mark the
/// block's quotes, backslashes and brackets; quotes escaped by a backslash are dropped; a prefix XOR over the
/// remaining quotes marks the bytes inside strings; only brackets outside strings move the depth, and a block is
/// walked bracket by bracket only when it holds enough closing ones to end the container.
/// </summary>
/// <remarks>
/// Tokenizing is most of the cost of an admission request, and the largest part of a stored pod is
/// <c>metadata.managedFields</c>, which no rule reads. Only what finding the end needs is checked: string and bracket
/// boundaries, and that the closing bracket matches the opening one; the content is not validated. For well-formed
/// JSON, which is all the API server sends, the end found is exactly the one a parser finds; a malformed body can come
/// only from a caller that is not the API server, and nothing acts on the answer such a caller gets.
/// </remarks>
internal static class JsonContainerEnd
{
    private const int Block = 64;

    /// <summary>The widest vectors this machine runs in hardware: 512, 256 or 128 bits.</summary>
    public static int HardwareVectorBits { get; } = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    /// <summary>The index just past the object or array whose opening bracket is at <paramref name="start"/>.</summary>
    /// <exception cref="JsonException">The container does not end, or ends with the other kind of bracket.</exception>
    public static int Find(ReadOnlySpan<byte> json, int start) => Find(json, start, HardwareVectorBits);

    /// <summary>The same with vectors of <paramref name="vectorBits"/> bits, so tests cover every width on one machine.</summary>
    internal static int Find(ReadOnlySpan<byte> json, int start, int vectorBits)
    {
        if ((uint)start >= (uint)json.Length || json[start] is not ((byte)'{' or (byte)'['))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "No object or array starts there.");
        }

        var depth = 0;
        var insideString = 0UL;
        var escapesNext = false;
        Span<byte> tail = stackalloc byte[Block];
        for (var blockStart = start; blockStart < json.Length; blockStart += Block)
        {
            var block = Padded(json[blockStart..], tail);
            var (quotes, backslashes, opens, closes) = Classify(block, vectorBits);
            quotes &= ~Escaped(backslashes, ref escapesNext);

            // Bit i of the prefix XOR is set from an opening quote up to (not including) its closing one.
            var strings = PrefixXor(quotes) ^ insideString;
            insideString = (ulong)((long)strings >> 63);
            opens &= ~strings;
            closes &= ~strings;

            var closeCount = BitOperations.PopCount(closes);
            if (closeCount < depth)
            {
                depth += BitOperations.PopCount(opens) - closeCount;
                continue;
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
                    return Closed(json, start, blockStart + bit);
                }
            }
        }

        throw new JsonException($"The object or array at byte {start} does not end.");
    }

    private static int Closed(ReadOnlySpan<byte> json, int start, int close)
    {
        // '{' + 2 == '}' and '[' + 2 == ']'.
        if (json[close] != json[start] + 2)
        {
            throw new JsonException($"The object or array at byte {start} ends with '{(char)json[close]}' at byte {close}.");
        }

        return close + 1;
    }

    /// <summary>The next 64 bytes, or the last ones followed by spaces, which are nothing to the scan.</summary>
    private static ReadOnlySpan<byte> Padded(ReadOnlySpan<byte> rest, Span<byte> tail)
    {
        if (rest.Length >= Block)
        {
            return rest[..Block];
        }

        tail.Fill((byte)' ');
        rest.CopyTo(tail);
        return tail;
    }

    /// <summary>
    /// The bytes a backslash escapes. A backslash escaped by the one before it escapes nothing, so runs are taken
    /// pairwise from their start; <paramref name="escapesNext"/> carries a run's odd last backslash into the next block.
    /// </summary>
    private static ulong Escaped(ulong backslashes, ref bool escapesNext)
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

    /// <summary>Bit masks of the block's quotes, backslashes, opening and closing brackets (bit i is byte i).</summary>
    private static (ulong Quotes, ulong Backslashes, ulong Opens, ulong Closes) Classify(ReadOnlySpan<byte> block, int vectorBits)
    {
        if (vectorBits == 512)
        {
            return Classify512(Vector512.Create(block));
        }

        ulong quotes = 0, backslashes = 0, opens = 0, closes = 0;
        var step = vectorBits / 8;
        for (var at = 0; at < Block; at += step)
        {
            var (q, b, o, c) = step == 32 ? Classify256(Vector256.Create(block[at..])) : Classify128(Vector128.Create(block[at..]));
            quotes |= q << at;
            backslashes |= b << at;
            opens |= o << at;
            closes |= c << at;
        }

        return (quotes, backslashes, opens, closes);
    }

    // Setting bit 0x20 folds '[' (0x5B) onto '{' (0x7B) and ']' (0x5D) onto '}' (0x7D); no other byte lands on either.
    private static (ulong, ulong, ulong, ulong) Classify512(Vector512<byte> bytes)
    {
        var folded = bytes | Vector512.Create((byte)0x20);
        return (
            Vector512.Equals(bytes, Vector512.Create((byte)'"')).ExtractMostSignificantBits(),
            Vector512.Equals(bytes, Vector512.Create((byte)'\\')).ExtractMostSignificantBits(),
            Vector512.Equals(folded, Vector512.Create((byte)'{')).ExtractMostSignificantBits(),
            Vector512.Equals(folded, Vector512.Create((byte)'}')).ExtractMostSignificantBits());
    }

    private static (ulong, ulong, ulong, ulong) Classify256(Vector256<byte> bytes)
    {
        var folded = bytes | Vector256.Create((byte)0x20);
        return (
            Vector256.Equals(bytes, Vector256.Create((byte)'"')).ExtractMostSignificantBits(),
            Vector256.Equals(bytes, Vector256.Create((byte)'\\')).ExtractMostSignificantBits(),
            Vector256.Equals(folded, Vector256.Create((byte)'{')).ExtractMostSignificantBits(),
            Vector256.Equals(folded, Vector256.Create((byte)'}')).ExtractMostSignificantBits());
    }

    private static (ulong, ulong, ulong, ulong) Classify128(Vector128<byte> bytes)
    {
        var folded = bytes | Vector128.Create((byte)0x20);
        return (
            Vector128.Equals(bytes, Vector128.Create((byte)'"')).ExtractMostSignificantBits(),
            Vector128.Equals(bytes, Vector128.Create((byte)'\\')).ExtractMostSignificantBits(),
            Vector128.Equals(folded, Vector128.Create((byte)'{')).ExtractMostSignificantBits(),
            Vector128.Equals(folded, Vector128.Create((byte)'}')).ExtractMostSignificantBits());
    }
}

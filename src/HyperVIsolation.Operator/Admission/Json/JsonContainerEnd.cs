using System.Runtime.Intrinsics;
using System.Text.Json;

namespace HyperVIsolation.Operator.Admission.Json;

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
    internal static int Find(ReadOnlySpan<byte> json, int start, int vectorBits) => vectorBits switch
    {
        512 => Find<Vector512Blocks>(json, start),
        256 => Find<Vector256Blocks>(json, start),
        _ => Find<Vector128Blocks>(json, start),
    };

    // Generic over the block classifier so that the JIT compiles one loop per vector width, without a branch per block.
    private static int Find<TBlocks>(ReadOnlySpan<byte> json, int start)
        where TBlocks : struct, IJsonBlockClassifier
    {
        if ((uint)start >= (uint)json.Length || json[start] is not ((byte)'{' or (byte)'['))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "No object or array starts there.");
        }

        var scan = default(JsonBlockScan);
        var blockStart = start;
        for (; json.Length - blockStart >= Block; blockStart += Block)
        {
            var bit = scan.Next(TBlocks.Classify(json.Slice(blockStart, Block)));
            if (bit >= 0)
            {
                return Closed(json, start, blockStart + bit);
            }
        }

        if (blockStart < json.Length)
        {
            // The last bytes, followed by spaces, which are nothing to the scan.
            Span<byte> tail = stackalloc byte[Block];
            tail.Fill((byte)' ');
            json[blockStart..].CopyTo(tail);
            var bit = scan.Next(TBlocks.Classify(tail));
            if (bit >= 0)
            {
                return Closed(json, start, blockStart + bit);
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
}

using System.Text.Json;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>
/// A <see cref="Utf8JsonReader"/> over one whole buffer that passes over the objects and arrays nobody reads with
/// <see cref="JsonContainerEnd"/> instead of token by token (<see cref="Skip"/>). Offsets are the buffer's.
/// </summary>
internal ref struct AdmissionJsonReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 128 };

    private readonly ReadOnlySpan<byte> json;
    private readonly RecurringValues recurring;
    private int offset;

    /// <summary>The reader of the rest of the buffer from the last skip on; the serializer reads through it.</summary>
    public Utf8JsonReader Json;

    /// <summary>A reader of the whole of <paramref name="json"/>, which must hold one complete JSON value.</summary>
    /// <param name="json">The buffer.</param>
    /// <param name="recurring">Where strings and quantities that recur across requests are kept.</param>
    public AdmissionJsonReader(ReadOnlySpan<byte> json, RecurringValues recurring)
    {
        this.json = json;
        this.recurring = recurring;
        Json = new Utf8JsonReader(json, Options);
    }

    /// <summary>The type of the current token.</summary>
    public readonly JsonTokenType TokenType => Json.TokenType;

    /// <summary>Where the current token starts in the buffer.</summary>
    public readonly long TokenStartIndex => offset + Json.TokenStartIndex;

    /// <summary>How much of the buffer has been read.</summary>
    public readonly long BytesConsumed => offset + Json.BytesConsumed;

    /// <summary>The raw bytes of the current token (the buffer is one segment).</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => Json.ValueSpan;

    /// <summary>Reads the next token; false at the end of the buffer.</summary>
    public bool Read() => Json.Read();

    /// <summary>Whether the current string or property name, unescaped, is <paramref name="utf8Text"/>.</summary>
    public readonly bool ValueTextEquals(ReadOnlySpan<byte> utf8Text) => Json.ValueTextEquals(utf8Text);

    /// <summary>The current string or property name, unescaped.</summary>
    public readonly string? GetString() => Json.GetString();

    /// <summary>
    /// The same as <see cref="GetString"/>, but a short unescaped text comes from <see cref="InternedStrings"/>:
    /// for values that recur across requests. The first sighting is decoded (and validated) by the reader itself.
    /// </summary>
    public readonly string? GetInternedString()
    {
        if (Json.ValueIsEscaped || Json.ValueSpan.Length > InternedStrings.MaxLength)
        {
            return Json.GetString();
        }

        if (recurring.Strings.TryGet(Json.ValueSpan, out var interned))
        {
            return interned;
        }

        var value = Json.GetString()!;
        recurring.Strings.Add(Json.ValueSpan, value);
        return value;
    }

    /// <summary><paramref name="text"/> as a quantity, parsed once per text (<see cref="ParsedQuantities"/>).</summary>
    public readonly ResourceQuantity GetQuantity(string text) => recurring.Quantities.Parse(text);

    /// <summary>The current number as a 64-bit integer, when it is one.</summary>
    public readonly bool TryGetInt64(out long value) => Json.TryGetInt64(out value);

    /// <summary>
    /// Like <see cref="Utf8JsonReader.Skip"/>: on a property name, moves to its value; on an object or array, moves to
    /// its closing bracket, found by <see cref="JsonContainerEnd"/>. Its content is not read, so not validated.
    /// </summary>
    public void Skip()
    {
        if (Json.TokenType == JsonTokenType.PropertyName && !Json.Read())
        {
            throw new JsonException("The JSON ends early.");
        }

        if (Json.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var close = JsonContainerEnd.Find(json, checked((int)TokenStartIndex)) - 1;

        // Its state on the opening bracket is the reader's state just before an empty container's closing one: a
        // reader of the rest of the buffer from the real closing bracket on, started in that state, reads it as the
        // container's end and goes on from there as if it had read the whole container.
        Json = new Utf8JsonReader(json[close..], isFinalBlock: true, Json.CurrentState);
        offset = close;
        if (!Json.Read())
        {
            throw new JsonException($"The container closing at byte {close} could not be read.");
        }
    }
}

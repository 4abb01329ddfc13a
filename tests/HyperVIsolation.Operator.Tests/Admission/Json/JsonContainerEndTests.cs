using System.Text;
using System.Text.Json;
using HyperVIsolation.Operator.Admission.Json;

namespace HyperVIsolation.Operator.Tests.Admission.Json;

public sealed class JsonContainerEndTests
{
    public static TheoryData<int> VectorWidths => [128, 256, 512];

    [Theory]
    [MemberData(nameof(VectorWidths))]
    public void Find_GeneratedDocuments_EndsWhereTheParserEnds(int vectorBits)
    {
        var random = new Random(6);
        for (var document = 0; document < 3_000; document++)
        {
            var value = GeneratedJson.Container(random, depth: 0);
            var prefix = $"[{GeneratedJson.Spaces(random)}";
            var json = Encoding.UTF8.GetBytes($"{prefix}{value}{GeneratedJson.Spaces(random)},1]");
            var start = Encoding.UTF8.GetByteCount(prefix);

            JsonContainerEnd.Find(json, start, vectorBits).Should().Be(ParserEnd(json, start), "the scan and the parser must agree on {0}", Encoding.UTF8.GetString(json));
        }
    }

    [Theory]
    [MemberData(nameof(VectorWidths))]
    public void Find_EscapedQuoteAtEveryBlockOffset_StaysInsideTheString(int vectorBits)
    {
        // The backslash lands on every byte of a 64-byte block, the last one included, whose escape carries into the next block.
        for (var padding = 0; padding < 140; padding++)
        {
            var json = Encoding.UTF8.GetBytes($$"""{"k":"{{new string('x', padding)}}\"}]","n":[1]}""");

            JsonContainerEnd.Find(json, 0, vectorBits).Should().Be(json.Length, "padding {0}", padding);
        }
    }

    [Theory]
    [MemberData(nameof(VectorWidths))]
    public void Find_EscapedBackslashBeforeQuoteAtEveryBlockOffset_EndsTheString(int vectorBits)
    {
        for (var padding = 0; padding < 140; padding++)
        {
            var json = Encoding.UTF8.GetBytes($$"""{"k":"{{new string('x', padding)}}\\\\"},"after":"}"}""");

            JsonContainerEnd.Find(json, 0, vectorBits).Should().Be(json.AsSpan().IndexOf(",\"after\""u8), "padding {0}", padding);
        }
    }

    [Theory]
    [InlineData("""{"a":[1,2""")]
    [InlineData("""{"a":"}""")]
    [InlineData("""[{"a":1}""")]
    [InlineData("""{"a":1]""")]
    [InlineData("""[1,2}""")]
    public void Find_UnendedOrMismatched_Throws(string json)
    {
        var find = () => JsonContainerEnd.Find(Encoding.UTF8.GetBytes(json), 0);

        find.Should().Throw<JsonException>();
    }

    [Fact]
    public void Find_StartNotOnABracket_Throws()
    {
        var find = () => JsonContainerEnd.Find("  {}"u8, 0);

        find.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static int ParserEnd(byte[] json, int start)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.TokenStartIndex != start || reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            reader.Read().Should().BeTrue();
        }

        reader.Skip();
        return checked((int)reader.BytesConsumed);
    }
}

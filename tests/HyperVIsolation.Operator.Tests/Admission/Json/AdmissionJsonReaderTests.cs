using System.Text;
using System.Text.Json;
using HyperVIsolation.Operator.Admission.Json;

namespace HyperVIsolation.Operator.Tests.Admission.Json;

public sealed class AdmissionJsonReaderTests
{
    [Fact]
    public void Skip_GeneratedDocuments_ReadsOnLikeTheParser()
    {
        var random = new Random(7);
        for (var document = 0; document < 2_000; document++)
        {
            var json = Encoding.UTF8.GetBytes(GeneratedJson.Container(random, depth: 0));
            var skipAt = random.Next(1, 40);

            Tokens(json, skipAt, ours: true).Should().Equal(Tokens(json, skipAt, ours: false), "skipping the same containers of {0}", Encoding.UTF8.GetString(json));
        }
    }

    [Fact]
    public void Skip_OnPropertyName_SkipsItsValue()
    {
        var reader = new AdmissionJsonReader("""{"skipped":{"a":[1,{"b":"}"}]},"next":true}"""u8, new RecurringValues());
        reader.Read();
        reader.Read();

        reader.Skip();

        reader.TokenType.Should().Be(JsonTokenType.EndObject);
        reader.BytesConsumed.Should().Be("""{"skipped":{"a":[1,{"b":"}"}]}""".Length);
        reader.Read().Should().BeTrue();
        reader.ValueTextEquals("next"u8).Should().BeTrue();
        reader.TokenStartIndex.Should().Be("""{"skipped":{"a":[1,{"b":"}"}]},""".Length);
    }

    [Theory]
    [InlineData("""{"a":{"x":1} "b":2}""")]
    [InlineData("""{"a":[1],}""")]
    [InlineData("""{"a":{}}}""")]
    [InlineData("""{"a":{}""")]
    public void Skip_MalformedAfterTheSkippedValue_StillThrows(string json)
    {
        var readAll = () =>
        {
            var reader = new AdmissionJsonReader(Encoding.UTF8.GetBytes(json), new RecurringValues());
            reader.Read();
            reader.Read();
            reader.Skip();
            while (reader.Read())
            {
            }
        };

        readAll.Should().Throw<JsonException>();
    }

    /// <summary>Every token with its offset and bytes, skipping each container whose count of tokens read reaches <paramref name="skipAt"/>.</summary>
    private static List<string> Tokens(byte[] json, int skipAt, bool ours)
    {
        var tokens = new List<string>();
        var plain = new Utf8JsonReader(json);
        var reader = new AdmissionJsonReader(json, new RecurringValues());
        for (var count = 1; ours ? reader.Read() : plain.Read(); count++)
        {
            var type = ours ? reader.TokenType : plain.TokenType;
            if (count % skipAt == 0 && type is JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName)
            {
                if (ours)
                {
                    reader.Skip();
                }
                else
                {
                    plain.Skip();
                }

                tokens.Add($"skipped to {(ours ? reader.BytesConsumed : plain.BytesConsumed)}");
                continue;
            }

            var start = ours ? reader.TokenStartIndex : plain.TokenStartIndex;
            var value = Encoding.UTF8.GetString(ours ? reader.ValueSpan : plain.ValueSpan);
            tokens.Add($"{type} at {start}: {value}");
        }

        tokens.Add($"end at {(ours ? reader.BytesConsumed : plain.BytesConsumed)}");
        return tokens;
    }
}

using System.Text.Json;
using HyperVIsolation.Operator.Manifests;

namespace HyperVIsolation.Operator.Tests.Manifests;

public sealed class YamlManifestWriterTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("on")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("1")]
    [InlineData("25%")]
    [InlineData("-3")]
    [InlineData(".5")]
    [InlineData("10.0.20348")]
    [InlineData("")]
    public void Write_StringAYamlReaderWouldRetype_DoubleQuoted(string value)
    {
        var yaml = Write($$"""{"value": {{JsonSerializer.Serialize(value)}}}""");

        yaml.Should().Be($"# h\nvalue: \"{value}\"\n");
    }

    [Theory]
    [InlineData("HyperV")]
    [InlineData("ltsc2022")]
    [InlineData("mcr.microsoft.com/windows/nanoserver:ltsc2022")]
    public void Write_OrdinaryString_Plain(string value)
    {
        Write($$"""{"value": "{{value}}"}""").Should().Be($"# h\nvalue: {value}\n");
    }

    [Fact]
    public void Write_NestedDocument_BlockStyleIndentedSequencesFlowEmpties()
    {
        var yaml = Write("""{"b": {"list": [1, true], "empty": {}, "none": []}, "a": 2.5}""");

        yaml.Should().Be("# h\nb:\n  list:\n    - 1\n    - true\n  empty: {}\n  none: []\na: 2.5\n");
    }

    [Fact]
    public void Write_MultiLineHeader_EachLineCommented()
    {
        Write("""{"a": 1}""", "one\ntwo").Should().StartWith("# one\n# two\na: 1\n");
    }

    private static string Write(string json, string header = "h")
    {
        using var document = JsonDocument.Parse(json);
        return YamlManifestWriter.Write(document.RootElement, header);
    }
}

using HyperVIsolation.Operator.Admission.Json;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission.Json;

public sealed class ParsedQuantitiesTests
{
    [Theory]
    [InlineData("500m")]
    [InlineData("1Gi")]
    [InlineData("1.5")]
    [InlineData("128974848")]
    public void Parse_SameText_OneSharedQuantityEqualToTheClients(string text)
    {
        var quantities = new ParsedQuantities();
        var first = quantities.Parse(text);

        quantities.Parse(text).Should().BeSameAs(first);
        first.ToString().Should().Be(new ResourceQuantity(text).ToString());
        QuantityValues.ToDecimal(first).Should().Be(new ResourceQuantity(text).ToDecimal());
    }

    [Fact]
    public void Parse_NotAQuantity_ThrowsEveryTime()
    {
        var quantities = new ParsedQuantities();
        var parse = () => quantities.Parse("lots");

        parse.Should().Throw<FormatException>();
        parse.Should().Throw<FormatException>();
    }
}

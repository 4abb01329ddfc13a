using HyperVIsolation.Operator.Admission.Http;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission;

public sealed class ParsedQuantitiesTests
{
    [Theory]
    [InlineData("500m")]
    [InlineData("1Gi")]
    [InlineData("1.5")]
    [InlineData("128974848")]
    public void Parse_SameText_OneSharedQuantityEqualToTheClients(string text)
    {
        var first = ParsedQuantities.Parse(text);

        ParsedQuantities.Parse(text).Should().BeSameAs(first);
        first.ToString().Should().Be(new ResourceQuantity(text).ToString());
        QuantityValues.ToDecimal(first).Should().Be(new ResourceQuantity(text).ToDecimal());
    }

    [Fact]
    public void Parse_NotAQuantity_ThrowsEveryTime()
    {
        var parse = () => ParsedQuantities.Parse("lots");

        parse.Should().Throw<FormatException>();
        parse.Should().Throw<FormatException>();
    }
}

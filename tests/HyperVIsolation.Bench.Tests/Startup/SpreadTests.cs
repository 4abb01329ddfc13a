using HyperVIsolation.Bench.Startup;

namespace HyperVIsolation.Bench.Tests.Startup;

public class SpreadTests
{
    [Theory]
    [InlineData(new[] { 3.0 }, 3.0, 3.0, 3.0)]
    [InlineData(new[] { 5.0, 1.0, 3.0 }, 1.0, 3.0, 5.0)]
    [InlineData(new[] { 4.0, 1.0, 2.0, 3.0 }, 1.0, 3.0, 4.0)]
    public void Of_Values_ReturnsMinMedianMax(double[] values, double min, double median, double max) =>
        Spread.Of(values).Should().Be(new Spread(min, median, max));

    [Fact]
    public void Of_NoValues_ReturnsNull() => Spread.Of([]).Should().BeNull();
}

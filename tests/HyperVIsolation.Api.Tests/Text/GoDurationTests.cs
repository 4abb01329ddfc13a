using HyperVIsolation.Api.Text;

namespace HyperVIsolation.Api.Tests.Text;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1.5m", 90)]
    [InlineData("1h", 3600)]
    [InlineData("00:02:00", 120)]
    public void TryParse_KnownForms_Parsed(string text, double seconds)
    {
        GoDuration.TryParse(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData(8, "8s")]
    [InlineData(300, "5m")]
    [InlineData(90, "1m30s")]
    [InlineData(3600, "1h")]
    [InlineData(90000, "25h")]
    [InlineData(0.25, "250ms")]
    [InlineData(0, "0ms")]
    public void Format_AsTyped(double seconds, string expected) =>
        GoDuration.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Theory]
    [InlineData(0.25)]
    [InlineData(8)]
    [InlineData(5430)]
    public void Format_ReadBack_SameDuration(double seconds)
    {
        GoDuration.TryParse(GoDuration.Format(TimeSpan.FromSeconds(seconds)), out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromSeconds(seconds));
    }
}

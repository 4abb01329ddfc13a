using HyperVIsolation.LocalApiServer.Tables;

namespace HyperVIsolation.LocalApiServer.Tests.Tables;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-5, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(125, "2m5s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData((3 * 3600) + 600, "3h10m")]
    [InlineData(9 * 3600, "9h")]
    [InlineData(50 * 3600, "2d2h")]
    [InlineData(10 * 86400, "10d")]
    [InlineData(800 * 86400, "2y70d")]
    [InlineData(3000 * 86400, "8y")]
    public void Format_Seconds_MatchesGoHumanDuration(long seconds, string expected)
    {
        HumanDuration.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);
    }

    [Fact]
    public void Since_MissingTimestamp_IsUnknown()
    {
        HumanDuration.Since(null, DateTimeOffset.UnixEpoch).Should().Be("<unknown>");
    }
}

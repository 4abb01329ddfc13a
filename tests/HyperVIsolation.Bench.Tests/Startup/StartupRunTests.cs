using HyperVIsolation.Bench.Startup;

namespace HyperVIsolation.Bench.Tests.Startup;

public class StartupRunTests
{
    [Theory]
    [InlineData(0.4, 0.7, 0.7)]
    [InlineData(0.9, 0.3, 0.9)]
    public void ToSyncedAndLeading_BothHappened_IsTheLater(double synced, double leading, double expected) =>
        new StartupRun(TimeSpan.FromSeconds(synced), TimeSpan.FromSeconds(leading), 0, 0).ToSyncedAndLeading.Should().Be(TimeSpan.FromSeconds(expected));

    [Fact]
    public void ToSyncedAndLeading_NeverLed_IsNull() =>
        new StartupRun(TimeSpan.FromSeconds(1), null, 0, 0).ToSyncedAndLeading.Should().BeNull();

    [Fact]
    public void Table_RunsWithOneFailure_CountsOnlyRunsUnderTheGoal()
    {
        StartupRun[] runs =
        [
            new(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.6), 900, 80),
            new(TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(0.6), 950, 81),
            new(null, TimeSpan.FromSeconds(0.6), 0, 0),
        ];

        var table = StartupBenchmarkCommand.Table(runs, new StartupBenchmarkSettings());

        table.Should().Contain("min 0.60 s, median 1.20 s, max 1.20 s; 1/3 under the goal").And.Contain("never");
    }
}

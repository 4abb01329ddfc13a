using HyperVIsolation.Soak.Running;
using Xunit.Abstractions;

namespace HyperVIsolation.Soak.Tests.Running;

/// <summary>
/// The CI profile of the fault soak: about two minutes of seeded faults and workload changes against the whole
/// local cluster. It loads the machine, so it runs alone (its own collection, parallelization off).
/// </summary>
[Collection(SoakRunsAlone.Name)]
public sealed class SoakCiProfileTests(ITestOutputHelper output)
{
    /// <summary>The CI profile's seed; a failing run prints it with the fault log, and the long profile takes it with --seed.</summary>
    private const int Seed = 17;

    [Fact]
    public async Task Soak_CiProfile_EveryInvariantHolds()
    {
        var settings = new SoakSettings { Seed = Seed, Duration = TimeSpan.FromSeconds(75), RoundLength = TimeSpan.FromSeconds(15) };
        output.WriteLine($"soak seed {settings.Seed}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));

        var report = await new SoakRunner(settings, output.WriteLine).RunAsync(timeout.Token);

        output.WriteLine(report.Summary());
        report.Violations.Should().BeEmpty(report.Summary());
        report.TotalFaults.Should().BeGreaterThan(20, "the CI profile injects faults of many kinds");
        report.Injected.Count(kind => kind.Value > 0).Should().BeGreaterThanOrEqualTo(8, "most kinds occur in two minutes");
    }
}

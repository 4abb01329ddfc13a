using HyperVIsolation.LocalCluster.Progress;

namespace HyperVIsolation.LocalCluster.Tests.Progress;

public sealed class ProgressFormatterTests
{
    private static readonly WorkloadProgress ReadyWeb = new()
    {
        Namespace = "tenant-untrusted",
        Name = "nanoserver-web",
        Ready = 2,
        Desired = 2,
        Os = "NanoServer",
        Version = "ltsc2022 (10.0.20348)",
        Vm = "2 vCPU, 1024 MiB",
        VmVerified = 2,
        Reason = "Ready",
        IsReady = true,
    };

    private static readonly WorkloadProgress StalledApp = new()
    {
        Namespace = "tenant-untrusted",
        Name = "dotnet-framework-app",
        Ready = 0,
        Desired = 1,
        Reason = "NoCompatibleNodes",
        Message = "no Hyper-V-ready node runs 10.0.20348",
        IsStalled = true,
    };

    [Fact]
    public void Line_ReadyWorkload_AllFields()
    {
        ProgressFormatter.Line(ReadyWeb).Should().Be(
            "tenant-untrusted/nanoserver-web  ready 2/2  os NanoServer  version ltsc2022 (10.0.20348)  vm 2 vCPU, 1024 MiB  vm verified 2/2  reason Ready");
    }

    [Fact]
    public void Line_Stalled_ShowsMessage()
    {
        ProgressFormatter.Line(StalledApp).Should().Be(
            "tenant-untrusted/dotnet-framework-app  ready 0/1  reason NoCompatibleNodes  stalled: no Hyper-V-ready node runs 10.0.20348");
    }

    [Fact]
    public void Timestamped_PrefixesLocalTime()
    {
        ProgressFormatter.Timestamped(new DateTimeOffset(2026, 1, 2, 13, 4, 5, TimeSpan.Zero), "x").Should().Be("13:04:05  x");
    }

    [Fact]
    public void Table_AlignsColumns_StalledMessageUnderItsRow()
    {
        ProgressFormatter.Table([ReadyWeb, StalledApp]).Should().Equal(
            "WORKLOAD                READY  OS          VERSION                VM                VM VERIFIED  REASON",
            "✓ nanoserver-web        2/2    NanoServer  ltsc2022 (10.0.20348)  2 vCPU, 1024 MiB  2/2          Ready",
            "✗ dotnet-framework-app  0/1    -           -                      -                 -            NoCompatibleNodes",
            "    stalled: no Hyper-V-ready node runs 10.0.20348");
    }

    [Fact]
    public void NotReadySummary_OnlyNotReady_WithReasonAndMessage()
    {
        ProgressFormatter.NotReadySummary([ReadyWeb, StalledApp]).Should().Equal(
            "  tenant-untrusted/dotnet-framework-app: 0/1 ready, NoCompatibleNodes: no Hyper-V-ready node runs 10.0.20348");
    }

    [Fact]
    public void Changes_OnlyRowsThatChanged()
    {
        var seen = new Dictionary<string, string>();

        PlainProgressDisplay.Changes(seen, [ReadyWeb, StalledApp]).Should().HaveCount(2);
        PlainProgressDisplay.Changes(seen, [ReadyWeb, StalledApp]).Should().BeEmpty();
        PlainProgressDisplay.Changes(seen, [ReadyWeb with { Ready = 1 }, StalledApp]).Should().ContainSingle()
            .Which.Should().Contain("ready 1/2");
    }

    [Fact]
    public void Redraw_First_NoCursorMovement()
    {
        TerminalProgressDisplay.Redraw(0, ["a", "b"]).Should().Be("\u001b[2Ka\n\u001b[2Kb\n");
    }

    [Fact]
    public void Redraw_SameHeight_MovesUpAndOverwrites()
    {
        TerminalProgressDisplay.Redraw(2, ["c", "d"]).Should().Be("\u001b[2A\r\u001b[2Kc\n\u001b[2Kd\n");
    }

    [Fact]
    public void Redraw_Shorter_ClearsLeftoverLines()
    {
        TerminalProgressDisplay.Redraw(3, ["e"]).Should().Be("\u001b[3A\r\u001b[2Ke\n\u001b[2K\n\u001b[2K\n\u001b[2A");
    }

    [Fact]
    public void TerminalDisplay_UnchangedState_NotRedrawn()
    {
        using var output = new StringWriter();
        var display = new TerminalProgressDisplay(output);

        display.Show([ReadyWeb]);
        var once = output.ToString();
        display.Show([ReadyWeb]);

        output.ToString().Should().Be(once);
    }
}

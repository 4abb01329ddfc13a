using HyperVIsolation.SimulatedNodes.Logs;

namespace HyperVIsolation.SimulatedNodes.Tests.Logs;

public sealed class ContainerLogBookTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Read_AfterRestart_CurrentRunsAndPreviousKeepsTheExitedOne()
    {
        var book = new ContainerLogBook();
        book.Start("uid", "app", [new(At, "first run")]);
        book.Finish("uid", "app", new(At, "exited 1"));
        book.Start("uid", "app", [new(At, "second run")]);

        var current = book.Read("uid", "app", previous: false);
        var previous = book.Read("uid", "app", previous: true);

        current!.Value.Lines.Select(l => l.Text).Should().Equal("second run");
        current.Value.Running.Should().BeTrue();
        previous!.Value.Lines.Select(l => l.Text).Should().Equal("first run", "exited 1");
        previous.Value.Running.Should().BeFalse();
    }

    [Fact]
    public void Read_ForgottenPodOrUnknownContainer_IsNull()
    {
        var book = new ContainerLogBook();
        book.Start("uid", "app", [new(At, "line")]);

        book.Forget("uid");

        book.Read("uid", "app", previous: false).Should().BeNull();
        book.Read("other", "app", previous: true).Should().BeNull();
    }
}

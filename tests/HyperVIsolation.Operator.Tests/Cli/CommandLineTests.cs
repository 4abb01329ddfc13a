using HyperVIsolation.Operator.Cli;

namespace HyperVIsolation.Operator.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public async Task RunAsync_UnknownCommand_ExitsTwoWithMessage()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CommandLine.RunAsync(["frobnicate"], stdout, stderr, CancellationToken.None);

        exit.Should().Be(2);
        stderr.ToString().Should().Contain("unknown command 'frobnicate'");
    }
}

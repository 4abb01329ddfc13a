using HyperVIsolation.Operator.Cli;

namespace HyperVIsolation.Operator.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    [Fact]
    public async Task RunAsync_UnknownCommand_ExitsTwoWithMessage()
    {
        var exit = await RunAsync("frobnicate");

        exit.Should().Be(2);
        _stderr.ToString().Should().Contain("Unrecognized command or argument 'frobnicate'.").And.Contain("manifests").And.Contain("run");
    }

    [Fact]
    public async Task RunAsync_NoCommand_ExitsTwoListingTheCommands()
    {
        var exit = await RunAsync();

        exit.Should().Be(2);
        _stderr.ToString().Should().Contain("Required command was not provided.").And.Contain("manifests").And.Contain("run");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public async Task RunAsync_Help_ListsTheCommandsAndExitsZero(string help)
    {
        var exit = await RunAsync(help);

        exit.Should().Be(0);
        _stdout.ToString().Should().Contain("manifests").And.Contain("run");
        _stderr.ToString().Should().BeEmpty();
    }

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
    }

    private Task<int> RunAsync(params string[] arguments) => CommandLine.RunAsync(arguments, _stdout, _stderr, CancellationToken.None);
}

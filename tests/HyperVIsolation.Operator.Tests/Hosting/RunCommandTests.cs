using HyperVIsolation.Operator.Cli;

namespace HyperVIsolation.Operator.Tests.Hosting;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_MissingKubeconfig_ListsTheProblemAndExits2WithoutStackTrace()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["run", "--kubeconfig", "/nonexistent/kubeconfig"], stdout, stderr, CancellationToken.None);

        exitCode.Should().Be(2);
        stderr.ToString().Should().StartWith("run: invalid configuration:")
            .And.Contain("Operator:Kubeconfig: file '/nonexistent/kubeconfig' does not exist.")
            .And.NotContain("   at ");
    }

    [Fact]
    public async Task Run_ProblemsInBothSections_ListedInOneRun()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Environment.SetEnvironmentVariable("Webhook__TimeoutSeconds", "99");
        try
        {
            var exitCode = await CommandLine.RunAsync(["run", "--kubeconfig", "/nonexistent/kubeconfig"], stdout, stderr, CancellationToken.None);

            exitCode.Should().Be(2);
            stderr.ToString().Should().Contain("Operator:Kubeconfig: file '/nonexistent/kubeconfig' does not exist.")
                .And.Contain("Webhook:TimeoutSeconds must be between 1 and 30 (got 99).");
        }
        finally
        {
            Environment.SetEnvironmentVariable("Webhook__TimeoutSeconds", null);
        }
    }

    [Theory]
    [InlineData("--verbose", "Unrecognized command or argument '--verbose'.")]
    [InlineData("--kubeconfig", "Required argument missing for option: '--kubeconfig'.")]
    public async Task Run_BadArguments_ExitsWithUsage(string argument, string message)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["run", argument], stdout, stderr, CancellationToken.None);

        exitCode.Should().Be(2);
        stderr.ToString().Should().Contain(message).And.Contain("run [options]").And.Contain("--kubeconfig <path>");
    }

    [Fact]
    public async Task Run_Help_PrintsTheKubeconfigOptionAndExitsZero()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["run", "--help"], stdout, stderr, CancellationToken.None);

        exitCode.Should().Be(0);
        stdout.ToString().Should().Contain("--kubeconfig <path>");
    }
}

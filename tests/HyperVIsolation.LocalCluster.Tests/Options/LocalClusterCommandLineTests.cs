using HyperVIsolation.LocalCluster.Options;
using HyperVIsolation.LocalCluster.Running;
using HyperVIsolation.Operator.Cli;

namespace HyperVIsolation.LocalCluster.Tests.Options;

public sealed class LocalClusterCommandLineTests
{
    [Fact]
    public void Parse_NoArguments_Defaults()
    {
        var result = LocalClusterCommandLine.Parse([]);

        result.IsValid.Should().BeTrue();
        result.Options.Should().Be(new LocalClusterOptions());
        result.Options.Timeout.Should().Be(TimeSpan.FromMinutes(5));
        result.Options.Namespace.Should().Be("tenant-untrusted");
    }

    [Fact]
    public void Parse_EveryOption_Set()
    {
        var result = LocalClusterCommandLine.Parse(
            ["--exit-when-ready", "--timeout", "90s", "--nodes", "pool.yaml", "--samples=samples", "--crds", "crd", "--namespace", "demo", "--verbose"]);

        result.Errors.Should().BeEmpty();
        result.Options.Should().Be(new LocalClusterOptions
        {
            ExitWhenReady = true,
            Timeout = TimeSpan.FromSeconds(90),
            NodePoolPath = "pool.yaml",
            SamplesDirectory = "samples",
            CrdDirectory = "crd",
            Namespace = "demo",
            Verbose = true,
        });
    }

    [Theory]
    [InlineData(new[] { "--kubeconfig", "kind.yaml" }, "InProcess")]
    [InlineData(new[] { "--kubeconfig", "kind.yaml", "--operator", "in-process" }, "InProcess")]
    [InlineData(new[] { "--kubeconfig=kind.yaml", "--operator", "none" }, "None")]
    public void Parse_Kubeconfig_AttachesWithTheOperatorMode(string[] args, string expected)
    {
        var result = LocalClusterCommandLine.Parse(args);

        result.Errors.Should().BeEmpty();
        result.Options.KubeconfigPath.Should().Be("kind.yaml");
        result.Options.Operator.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("1m30s", 90)]
    [InlineData("00:05:00", 300)]
    public void Parse_TimeoutForms_Read(string text, double seconds) =>
        LocalClusterCommandLine.Parse(["--timeout", text]).Options.Timeout.Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData(new[] { "--timeout", "soon" }, "--timeout 'soon' is not a duration")]
    [InlineData(new[] { "--timeout", "0s" }, "--timeout must be positive")]
    [InlineData(new[] { "--timeout" }, "Required argument missing for option: '--timeout'")]
    [InlineData(new[] { "--nodes", "--verbose" }, "--nodes needs a <pool.yaml>, not the option '--verbose'")]
    [InlineData(new[] { "--samples", "" }, "--samples needs a <dir>, not a blank value")]
    [InlineData(new[] { "--namespace", "Not_A_Label" }, "is not a DNS label")]
    [InlineData(new[] { "--exit-when-redy" }, "Unrecognized command or argument '--exit-when-redy'")]
    [InlineData(new[] { "--kubeconfig", "k", "--operator", "sidecar" }, "--operator 'sidecar' is not in-process or none")]
    [InlineData(new[] { "--operator", "none" }, "--operator needs --kubeconfig")]
    [InlineData(new[] { "--kubeconfig", "" }, "--kubeconfig needs a <path>, not a blank value")]
    public void Parse_Invalid_ClearError(string[] args, string expected)
    {
        var result = LocalClusterCommandLine.Parse(args);

        result.IsValid.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Contain(expected);
    }

    [Fact]
    public void Parse_SeveralProblems_AllReportedAtOnce()
    {
        var result = LocalClusterCommandLine.Parse(["--timeout", "x", "--bogus", "--namespace", "UPPER"]);

        result.Errors.Should().HaveCount(3);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Invoke_Help_PrintsEveryOptionAndExitsZeroWithoutRunning(string help)
    {
        var commandLine = new LocalClusterCommandLine();
        var ran = false;
        commandLine.Command.SetAction(_ => ran = true);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CommandLineInvocation.InvokeAsync(commandLine.Command, [help], stdout, stderr, CancellationToken.None);

        exit.Should().Be(ExitCodes.Success);
        ran.Should().BeFalse();
        stdout.ToString().Should().ContainAll(
            "--exit-when-ready", "--timeout <duration>", "--nodes <pool.yaml>", "--samples <dir>", "--crds <dir>", "--namespace <name>", "--verbose",
            "--kubeconfig <path>", "--operator <in-process|none>");
    }

    [Fact]
    public async Task Invoke_Invalid_ErrorsAndHelpOnStandardErrorUsageExitCodeWithoutRunning()
    {
        var commandLine = new LocalClusterCommandLine();
        var ran = false;
        commandLine.Command.SetAction(_ => ran = true);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CommandLineInvocation.InvokeAsync(commandLine.Command, ["--timeout", "soon", "--bogus"], stdout, stderr, CancellationToken.None);

        exit.Should().Be(ExitCodes.Usage);
        ran.Should().BeFalse();
        stdout.ToString().Should().BeEmpty();
        stderr.ToString().Should().ContainAll("--timeout 'soon' is not a duration", "'--bogus'", "--exit-when-ready");
    }
}

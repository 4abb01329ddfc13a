using HyperVIsolation.Operator.Cli;
using HyperVIsolation.Operator.Manifests;

namespace HyperVIsolation.Operator.Tests.Cli;

public sealed class ManifestsCommandTests : IDisposable
{
    private readonly string _repository = Directory.CreateTempSubdirectory("manifests-command-").FullName;
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
        Directory.Delete(_repository, recursive: true);
    }

    [Fact]
    public async Task RunAsync_Output_WritesConfigCrdsAndChartCrdsBesideIt()
    {
        var exit = await RunAsync("manifests", "--output", Path.Combine(_repository, "config"));

        exit.Should().Be(0, _stderr.ToString());
        var manifests = ManifestRenderer.RenderApi();
        foreach (var crd in manifests.Crds)
        {
            File.ReadAllText(Path.Combine(_repository, "config", "crd", crd.FileName)).Should().Be(crd.Content);
            File.ReadAllText(Path.Combine(_repository, "charts", "hyperv-isolation", "crds", crd.FileName)).Should().Be(crd.Content);
        }

        File.ReadAllText(Path.Combine(_repository, "config", "crd", "kustomization.yaml")).Should().Be(manifests.Kustomization.Content);
        File.Exists(Path.Combine(_repository, "charts", "hyperv-isolation", "crds", "kustomization.yaml")).Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_OutputWithTrailingSlash_ChartStillBesideIt()
    {
        var exit = await RunAsync("manifests", "--output", Path.Combine(_repository, "config") + Path.DirectorySeparatorChar);

        exit.Should().Be(0, _stderr.ToString());
        Directory.GetFiles(Path.Combine(_repository, "charts", "hyperv-isolation", "crds")).Should().NotBeEmpty();
    }

    [Fact]
    public async Task RunAsync_ChartOption_WritesIntoThatChart()
    {
        var chart = Path.Combine(_repository, "elsewhere", "my-chart");

        var exit = await RunAsync("manifests", "--output", Path.Combine(_repository, "config"), "--chart", chart);

        exit.Should().Be(0, _stderr.ToString());
        Directory.GetFiles(Path.Combine(chart, "crds"), "*.yaml").Should().HaveCount(ManifestRenderer.RenderApi().Crds.Count);
        Directory.Exists(Path.Combine(_repository, "charts")).Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_StaleCrdOfOurGroup_Removed()
    {
        var crds = Directory.CreateDirectory(Path.Combine(_repository, "config", "crd")).FullName;
        var stale = Path.Combine(crds, "isolation.hyperv.dev_oldthings.yaml");
        var foreign = Path.Combine(crds, "other.example.com_things.yaml");
        await File.WriteAllTextAsync(stale, "old");
        await File.WriteAllTextAsync(foreign, "keep");

        var exit = await RunAsync("manifests", "--output", Path.Combine(_repository, "config"));

        exit.Should().Be(0, _stderr.ToString());
        File.Exists(stale).Should().BeFalse();
        File.Exists(foreign).Should().BeTrue();
    }

    [Theory]
    [InlineData("Option '--output' is required.")]
    [InlineData("Required argument missing for option: '--output'.", "--output")]
    [InlineData("--output needs a <dir>, not the option '--chart'", "--output", "--chart", "x")]
    [InlineData("Required argument missing for option: '--chart'.", "--output", "config", "--chart")]
    [InlineData("--output needs a <dir>, not a blank value.", "--output", " ")]
    [InlineData("Unrecognized command or argument '--frobnicate'.", "--output", "config", "--frobnicate")]
    public async Task RunAsync_BadArguments_ExitsTwoWithMessageAndUsage(string message, params string[] arguments)
    {
        var exit = await RunAsync(["manifests", .. arguments]);

        exit.Should().Be(2);
        _stderr.ToString().Should().Contain(message).And.Contain("manifests [options]").And.Contain("--chart <dir>").And.NotContain("   at ");
        _stdout.ToString().Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(_repository).Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_SeveralProblems_AllReportedAtOnce()
    {
        var exit = await RunAsync("manifests", "--chart", " ", "--frobnicate");

        exit.Should().Be(2);
        _stderr.ToString().Should().Contain("Option '--output' is required.")
            .And.Contain("--chart needs a <dir>, not a blank value.")
            .And.Contain("Unrecognized command or argument '--frobnicate'.");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task RunAsync_Help_PrintsUsageAndExitsZero(string help)
    {
        var exit = await RunAsync("manifests", help);

        exit.Should().Be(0);
        _stdout.ToString().Should().Contain("--chart <dir>").And.Contain("-o, --output <dir>");
        _stderr.ToString().Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(_repository).Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_ShortOutputAliasAndInlineValue_Accepted()
    {
        var config = Path.Combine(_repository, "config");

        (await RunAsync("manifests", "-o", config)).Should().Be(0, _stderr.ToString());
        (await RunAsync("manifests", $"--output={config}")).Should().Be(0, _stderr.ToString());

        Directory.GetFiles(Path.Combine(config, "crd"), "*.yaml").Should().NotBeEmpty();
    }

    [Fact]
    public async Task RunAsync_OutputIsAFile_ExitsOneWithMessage()
    {
        var file = Path.Combine(_repository, "config");
        await File.WriteAllTextAsync(file, "not a directory");

        var exit = await RunAsync("manifests", "--output", file);

        exit.Should().Be(1);
        _stderr.ToString().Should().StartWith("manifests: ").And.NotContain("   at ");
    }

    private Task<int> RunAsync(params string[] arguments) =>
        CommandLine.RunAsync(arguments, _stdout, _stderr, CancellationToken.None);
}

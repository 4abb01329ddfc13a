using HyperVIsolation.NodeAgent.Host;

namespace HyperVIsolation.NodeAgent.Tests.Host;

public sealed class AgentCommandLineTests
{
    [Theory]
    [InlineData(new string[0], nameof(AgentMode.Run))]
    [InlineData(new[] { "--uninstall" }, nameof(AgentMode.Uninstall))]
    [InlineData(new[] { "--uninstall", "--hold" }, nameof(AgentMode.UninstallAndHold))]
    [InlineData(new[] { "--hold", "--uninstall" }, nameof(AgentMode.UninstallAndHold))]
    [InlineData(new[] { "--uninstall-probe" }, nameof(AgentMode.UninstallProbe))]
    [InlineData(new[] { "--help" }, nameof(AgentMode.Help))]
    public void Parse_ValidArguments_Mode(string[] args, string expected)
    {
        var (mode, error) = AgentCommandLine.Parse(args);

        error.Should().BeNull();
        mode.Should().Be(Enum.Parse<AgentMode>(expected));
    }

    [Theory]
    [InlineData(new[] { "--unistall" }, "unknown argument '--unistall'")]
    [InlineData(new[] { "--hold" }, "--hold needs --uninstall")]
    [InlineData(new[] { "--uninstall", "--uninstall" }, "'--uninstall' is given twice")]
    [InlineData(new[] { "--uninstall-probe", "--uninstall" }, "--uninstall-probe takes no other argument")]
    public void Parse_BadArguments_ErrorNamesTheProblem(string[] args, string expected)
    {
        var (mode, error) = AgentCommandLine.Parse(args);

        mode.Should().Be(AgentMode.Help);
        error.Should().Be(expected);
    }
}

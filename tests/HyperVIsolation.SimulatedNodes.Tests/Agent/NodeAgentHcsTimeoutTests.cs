using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Hosting;
using HyperVIsolation.SimulatedNodes.Hcs;
using Microsoft.Extensions.DependencyInjection;

namespace HyperVIsolation.SimulatedNodes.Tests.Agent;

/// <summary>The agent's HCS calls end even when HCS is stuck: AddNodeAgent puts its time limit on whatever HCS the host registered.</summary>
public sealed class NodeAgentHcsTimeoutTests
{
    [Fact]
    public async Task AddNodeAgent_StuckHcs_CallFailsWithOperationTimeoutInsteadOfHanging()
    {
        var hcs = new SimulatedHostComputeService(TimeProvider.System);
        hcs.CreateUtilityVm("s", new Dictionary<string, string>(), null);
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IHostComputeService>(hcs);
        services.AddNodeAgent(new NodeAgentOptions { NodeName = "n", ContainerdConfigPath = "config.toml", HcsOperationTimeout = TimeSpan.FromMilliseconds(200) });
        await using var provider = services.BuildServiceProvider();
        var agentHcs = provider.GetRequiredService<IHostComputeService>();
        await using var vm = await agentHcs.OpenComputeSystemAsync("s@vm", CancellationToken.None);
        hcs.StallOperations();

        var act = () => vm.GetPropertiesAsync("""{"PropertyTypes":["Memory"]}""", CancellationToken.None);

        (await act.Should().ThrowAsync<HcsException>()).Which.IsTimeout.Should().BeTrue();
        hcs.ResumeOperations();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_NonPositiveHcsTimeout_IsAnError(int milliseconds)
    {
        var options = new NodeAgentOptions { NodeName = "n", ContainerdConfigPath = "config.toml", HcsOperationTimeout = TimeSpan.FromMilliseconds(milliseconds) };

        options.Validate().Should().ContainSingle().Which.Should().Contain("HcsOperationTimeout");
    }
}

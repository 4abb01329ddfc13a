using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.SimulatedNodes.Agent;
using HyperVIsolation.SimulatedNodes.Pool;

namespace HyperVIsolation.SimulatedNodes.Tests.Agent;

public sealed class SimulatedContainerdServiceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("simulated-containerd-service-").FullName;

    [Fact]
    public async Task RestartAsync_ImportedFileMissing_ContainerdStaysDownUntilARestartSucceeds()
    {
        var node = (await SimulatedNodeProvisioner.ProvisionAsync(
            new NodePoolConfig { WorkingDirectory = directory, Groups = [new NodeGroupConfig { Name = "a" }] }, TimeProvider.System, CancellationToken.None))[0];
        var service = new SimulatedContainerdService(node, TimeSpan.FromMilliseconds(1));
        File.Delete(Path.Combine(Path.GetDirectoryName(node.ContainerdConfigPath)!, HyperVHandlerDropIn.FileName));

        await service.RestartAsync(CancellationToken.None);
        await Task.Delay(50);

        node.Faults.IsCriUnavailable.Should().BeTrue("containerd refuses to start when an imported file is missing");
        node.Faults.ContainerdStartError.Should().Contain(HyperVHandlerDropIn.FileName);

        var config = await File.ReadAllTextAsync(node.ContainerdConfigPath);
        await File.WriteAllTextAsync(node.ContainerdConfigPath, ContainerdImportsEditor.RemoveImport(config, HyperVHandlerDropIn.FileName));
        await service.RestartAsync(CancellationToken.None);
        await Task.Delay(50);

        node.Faults.ContainerdStartError.Should().BeNull();
        node.Faults.IsCriUnavailable.Should().BeFalse();
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

using HyperVIsolation.NodeAgent.Hcs;

namespace HyperVIsolation.NodeAgent.Tests.Hcs;

// The P/Invoke paths need computecore.dll (Windows Server with Hyper-V); only the platform guard is testable here.
public sealed class ComputeCoreHostComputeServiceTests
{
    [Fact]
    public void Constructor_NotWindows_ThrowsPlatformNotSupported()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

#pragma warning disable CA1416 // Deliberately calling the Windows-only type to check its guard.
        var act = () => new ComputeCoreHostComputeService();

        act.Should().Throw<PlatformNotSupportedException>();
#pragma warning restore CA1416
    }
}

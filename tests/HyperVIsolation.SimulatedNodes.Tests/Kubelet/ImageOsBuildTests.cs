using HyperVIsolation.SimulatedNodes.Kubelet;

namespace HyperVIsolation.SimulatedNodes.Tests.Kubelet;

public sealed class ImageOsBuildTests
{
    [Theory]
    [InlineData("mcr.microsoft.com/windows/nanoserver:ltsc2019", 17763)]
    [InlineData("mcr.microsoft.com/windows/servercore:1809", 17763)]
    [InlineData("mcr.microsoft.com/windows/servercore:ltsc2022", 20348)]
    [InlineData("mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2025", 26100)]
    [InlineData("registry.local:5000/app:10.0.20348.2966", 20348)]
    [InlineData("mcr.microsoft.com/windows/servercore:ltsc2022@sha256:abcd", 20348)]
    public void Infer_TagWithHint_ReturnsBuild(string image, int build)
    {
        ImageOsBuild.Infer(image)!.Value.Number.Should().Be(build);
    }

    [Theory]
    [InlineData("registry.local:5000/app")]
    [InlineData("myapp:latest")]
    [InlineData("ltsc2022/app:v1")]
    [InlineData("app:v1ltsc2022x")]
    [InlineData("")]
    public void Infer_NoHint_ReturnsNull(string image)
    {
        ImageOsBuild.Infer(image).Should().BeNull();
    }
}

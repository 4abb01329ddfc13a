using HyperVIsolation.NodeAgent.Cri;

namespace HyperVIsolation.NodeAgent.Tests.Cri;

public sealed class CriEndpointTests
{
    [Theory]
    [InlineData("unix:///run/containerd/containerd.sock", "/run/containerd/containerd.sock")]
    [InlineData("/tmp/cri.sock", "/tmp/cri.sock")]
    public void Parse_UnixEndpoint_ReturnsSocketPath(string text, string expectedPath)
    {
        CriEndpoint.Parse(text).Should().Be(new UnixSocketCriEndpoint(expectedPath));
    }

    [Theory]
    [InlineData("npipe:////./pipe/containerd-containerd")]
    [InlineData("npipe://./pipe/containerd-containerd")]
    public void Parse_NamedPipeEndpoint_ReturnsLocalPipe(string text)
    {
        CriEndpoint.Parse(text).Should().Be(new NamedPipeCriEndpoint("containerd-containerd"));
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:1234")]
    [InlineData("npipe:////./containerd")]
    public void Parse_UnsupportedEndpoint_ThrowsFormatException(string text)
    {
        var act = () => CriEndpoint.Parse(text);

        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void WindowsDefault_IsContainerdPipe()
    {
        CriEndpoint.WindowsDefault.ToString().Should().Be("npipe:////./pipe/containerd-containerd");
    }
}

using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Policies;

namespace HyperVIsolation.Operator.Tests.Policies;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", false)]
    [InlineData("team/app:1", "docker.io", "team/app", false)]
    [InlineData("mcr.microsoft.com/windows/nanoserver:ltsc2022", "mcr.microsoft.com", "windows/nanoserver", false)]
    [InlineData("MCR.Microsoft.com/windows/nanoserver", "mcr.microsoft.com", "windows/nanoserver", false)]
    [InlineData("localhost:5000/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "localhost:5000", "app", true)]
    [InlineData("localhost/app", "localhost", "app", false)]
    [InlineData("index.docker.io/library/nginx", "docker.io", "library/nginx", false)]
    public void Parse_Reference_NormalisesLikeRuntimes(string image, string registry, string repository, bool digest) =>
        ImageReference.Parse(image).Should().Be(new ImageReference(registry, repository, digest));

    [Theory]
    [InlineData("")]
    [InlineData("Evil Image")]
    [InlineData("a/B")]
    [InlineData("app@sha256:short")]
    [InlineData("app@sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("app@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("app:tag:tag")]
    public void Parse_NotAReference_Null(string image) => ImageReference.Parse(image).Should().BeNull();

    [Theory]
    [InlineData("mcr.microsoft.com/windows/nanoserver", "mcr.microsoft.com", true)]
    [InlineData("mcr.microsoft.com/windows/nanoserver", "mcr.microsoft.com/windows", true)]
    [InlineData("mcr.microsoft.com/windows", "mcr.microsoft.com/windows", true)]
    [InlineData("mcr.microsoft.com/windows-evil/x", "mcr.microsoft.com/windows", false)]
    [InlineData("mcr.microsoft.com.evil.io/windows/x", "mcr.microsoft.com", false)]
    [InlineData("nginx", "docker.io/library", true)]
    [InlineData("registry.local:5001/team/a", "registry.local:5000/team", false)]
    [InlineData("mcr.microsoft.com/windows/nanoserver", "  MCR.Microsoft.COM/windows/ ", true)]
    [InlineData("mcr.microsoft.com/windowsnano", "mcr.microsoft.com/windows/", false)]
    [InlineData("mcr.microsoft.com/windows", "mcr.microsoft.com/windows/nanoserver", false)]
    [InlineData("nginx", "index.docker.io/library", true)]
    [InlineData("nginx", "Registry-1.Docker.io", true)]
    [InlineData("index.docker.io/library/nginx", "docker.io/library/nginx", true)]
    [InlineData("localhost/app", "index.docker.io", false)]
    public void IsFrom_AllowedEntry_WholeComponentsOnly(string image, string entry, bool allowed) =>
        ImageReference.Parse(image)!.IsFrom(entry).Should().Be(allowed);
}

using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Api.Tests.Windows;

public sealed class ImageBuildInferenceTests
{
    [Theory]
    [InlineData("mcr.microsoft.com/windows/nanoserver:ltsc2019", 17763)]
    [InlineData("mcr.microsoft.com/windows/servercore:1809", 17763)]
    [InlineData("mcr.microsoft.com/windows/servercore:ltsc2022", 20348)]
    [InlineData("mcr.microsoft.com/windows/server:ltsc2025", 26100)]
    [InlineData("mcr.microsoft.com/dotnet/framework/runtime:4.8-windowsservercore-ltsc2022", 20348)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2025", 26100)]
    [InlineData("mcr.microsoft.com/dotnet/framework/sdk:4.8.1-20240611-windowsservercore-ltsc2019", 17763)]
    [InlineData("contoso.azurecr.io/app:2.1_LTSC2022", 20348)]
    [InlineData("mcr.microsoft.com/windows/servercore:10.0.20348.2340", 20348)]
    [InlineData("localhost:5000/app:ltsc2022", 20348)]
    [InlineData("contoso.azurecr.io/app:ltsc2022@sha256:0123456789abcdef", 20348)]
    [InlineData("registry.local:5000/app:10.0.20348.2966", 20348)]
    public void FromReference_TagNamesBuild_ReturnsIt(string image, int expected)
    {
        ImageBuildInference.FromReference(image)!.Value.Number.Should().Be(expected);
    }

    // Only certain mappings count: semi-annual names, version-looking numbers and conflicting
    // tokens give null, and the workload then trusts the selected version.
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("contoso.azurecr.io/app")]
    [InlineData("contoso.azurecr.io/app:1.0")]
    [InlineData("contoso.azurecr.io/app:20H2")]
    [InlineData("contoso.azurecr.io/app:2022")]
    [InlineData("contoso.azurecr.io/app:nanoserver1809")]
    [InlineData("contoso.azurecr.io/app@sha256:0123456789abcdef")]
    [InlineData("localhost:5000/ltsc2022")]
    [InlineData("contoso.azurecr.io/ltsc2022/app:1.0")]
    [InlineData("contoso.azurecr.io/app:ltsc2019-ltsc2022")]
    [InlineData("contoso.azurecr.io/app:20348")]
    [InlineData("registry.local:5000/app")]
    [InlineData("app:v1ltsc2022x")]
    public void FromReference_TagIsNotCertain_ReturnsNull(string? image)
    {
        ImageBuildInference.FromReference(image).Should().BeNull();
    }

    [Fact]
    public void FromReference_RepeatedSameToken_ReturnsBuild()
    {
        ImageBuildInference.FromReference("app:ltsc2022-ltsc2022")!.Value.Number.Should().Be(20348);
    }
}

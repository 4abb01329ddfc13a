using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Reconciliation;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class ImagePolicyRulesTests
{
    [Theory]
    [InlineData("mcr.microsoft.com/windows/nanoserver:ltsc2022", "mcr.microsoft.com/windows", true)]
    [InlineData("mcr.microsoft.com/windows/nanoserver:ltsc2022", "mcr.microsoft.com/windows/", true)]
    [InlineData("mcr.microsoft.com/windowsfake/app:1", "mcr.microsoft.com/windows", false)]
    [InlineData("MCR.microsoft.com/windows/servercore:ltsc2022", "mcr.microsoft.com", true)]
    [InlineData("registry.local:5000/team/app:1", "registry.local:5000/team", true)]
    [InlineData("registry.local:5000/team/app:1", "registry.local", false)]
    [InlineData("registry.local/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "registry.local", true)]
    [InlineData("registry.local/app@sha256:abc", "registry.local", false)]
    [InlineData("mcr.microsoft.com.evil.io/windows/x:1", "mcr.microsoft.com", false)]
    [InlineData("nginx:1.27", "docker.io/library", true)]
    [InlineData("nginx:1.27", "docker.io", true)]
    [InlineData("team/app:1", "docker.io/team", true)]
    [InlineData("team/app:1", "team", false)]
    [InlineData("localhost/app:1", "localhost", true)]
    public void FindViolations_AllowedRegistries_PrefixOnPathBoundaries(string image, string registry, bool allowed)
    {
        var problems = ImagePolicyRules.FindViolations([new ResolvedContainerImage("app", image, false)], [Policy(allowedRegistries: [registry])]);

        problems.Should().HaveCount(allowed ? 0 : 1);
    }

    [Theory]
    [InlineData("contoso.azurecr.io/app:1", false)]
    [InlineData("contoso.azurecr.io/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("contoso.azurecr.io/app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("contoso.azurecr.io/app@sha256:0123", false)]
    [InlineData("contoso.azurecr.io/app@sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    public void FindViolations_RequireDigest_OnlyPinnedImagesPass(string image, bool allowed)
    {
        var problems = ImagePolicyRules.FindViolations([new ResolvedContainerImage("app", image, false)], [Policy(requireDigest: true)]);

        problems.Should().HaveCount(allowed ? 0 : 1);
    }

    [Fact]
    public void FindViolations_SeveralPolicies_EveryPolicyMustAllowAndOneSentencePerImage()
    {
        ResolvedContainerImage[] images =
        [
            new("a", "contoso.azurecr.io/a:1", false),
            new("b", "fabrikam.io/b:1", false),
        ];

        var problems = ImagePolicyRules.FindViolations(images, [Policy("wide", allowedRegistries: ["contoso.azurecr.io", "fabrikam.io"]), Policy("narrow", allowedRegistries: ["contoso.azurecr.io"])]);

        problems.Should().Equal("Container 'b' image 'fabrikam.io/b:1' is not from a registry IsolationPolicy 'narrow' allows (contoso.azurecr.io).");
    }

    [Fact]
    public void FindViolations_NoRules_Nothing() =>
        ImagePolicyRules.FindViolations([new ResolvedContainerImage("app", "anything", false)], [Policy()]).Should().BeEmpty();
}

using System.Net;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Manifests;
using HyperVIsolation.Operator.Tests.Hosting;
using HyperVIsolation.Operator.Validation;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Operator.Tests.Manifests;

/// <summary>The CRD refuses blank and malformed allowedRegistries entries, as the policy validator does.</summary>
public sealed class AllowedRegistriesSchemaTests
{
    private static readonly V1JSONSchemaProps Items = (V1JSONSchemaProps)SchemaNode.At(
        new CustomResourceDefinitionGenerator().Generate(typeof(IsolationPolicy)).Spec.Versions[0].Schema.OpenAPIV3Schema, "spec.allowedRegistries").Items;

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("https://mcr.microsoft.com")]
    [InlineData("mcr.microsoft.com/windows/")]
    [InlineData("mcr.microsoft.com/Windows")]
    [InlineData("mcr.microsoft.com/windows:ltsc2022")]
    [InlineData("registry.local:")]
    [InlineData("mcr.microsoft.com")]
    [InlineData("registry.local:5000/team/sub_team")]
    [InlineData("Contoso.AzureCR.io/app-images")]
    public void Pattern_EveryEntry_AgreesWithTheValidatorBarThePortRange(string registry)
    {
        var schemaAccepts = System.Text.RegularExpressions.Regex.IsMatch(registry, Items.Pattern);

        schemaAccepts.Should().Be(RegistryReference.FindProblem(registry) is null);
    }

    [Fact]
    public async Task Create_BlankRegistry_RefusedByTheApiServer()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using var client = server.CreateClient();
        await TestOperatorHost.InstallCrdsAsync(client);
        var policy = new IsolationPolicy { Metadata = new V1ObjectMeta { Name = "blank" }, Spec = new IsolationPolicySpec { AllowedRegistries = ["mcr.microsoft.com", ""] } };

        var create = () => client.CustomObjects.CreateClusterCustomObjectAsync(policy, ApiGroup.Group, ApiGroup.Version, IsolationPolicy.Plural);

        var refused = await create.Should().ThrowAsync<HttpOperationException>();
        refused.Which.Response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        refused.Which.Response.Content.Should().Contain("spec.allowedRegistries[1]");
    }
}

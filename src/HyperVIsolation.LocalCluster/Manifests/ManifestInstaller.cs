using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HyperVIsolation.LocalCluster.Manifests;

/// <summary>
/// Installs CRDs (waiting until they are Established, as <c>kubectl wait</c> would) and applies
/// manifests create-or-update through the client's generic custom-object calls, reporting each object's outcome
/// instead of stopping at the first failure.
/// </summary>
/// <param name="client">The API.</param>
/// <param name="kinds">Where each kind lives; CRDs installed here are added to it.</param>
internal sealed class ManifestInstaller(IKubernetes client, ResourceKindTable kinds)
{
    private static readonly TimeSpan EstablishedTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Creates or replaces each CRD, then waits until all are Established.</summary>
    /// <exception cref="InvalidOperationException">A CRD was refused or did not become Established in time.</exception>
    public async Task<IReadOnlyList<V1CustomResourceDefinition>> InstallCrdsAsync(
        IEnumerable<V1CustomResourceDefinition> crds, CancellationToken cancellationToken)
    {
        var installed = new List<V1CustomResourceDefinition>();
        foreach (var crd in crds)
        {
            try
            {
                installed.Add(await CreateOrReplaceCrdAsync(crd, cancellationToken));
            }
            catch (HttpOperationException e)
            {
                throw new InvalidOperationException($"CustomResourceDefinition/{crd.Metadata.Name}: {ApiErrorText.From(e)}", e);
            }

            kinds.Add(crd);
        }

        foreach (var crd in installed)
        {
            await WaitEstablishedAsync(crd.Metadata.Name, cancellationToken);
        }

        return installed;
    }

    /// <summary>
    /// For a cluster that is not ours: leaves every CRD that exists as it is (never replaced, never
    /// deleted later) and creates the missing ones only when <paramref name="createMissing"/>; then
    /// waits until all are Established.
    /// </summary>
    /// <returns>The names of the CRDs this call created.</returns>
    /// <exception cref="InvalidOperationException">A CRD is missing and may not be created, was refused, or did not become Established in time.</exception>
    public async Task<IReadOnlyList<string>> EnsureCrdsAsync(
        IEnumerable<V1CustomResourceDefinition> crds, bool createMissing, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        var names = new List<string>();
        foreach (var crd in crds)
        {
            var name = crd.Metadata.Name;
            names.Add(name);
            kinds.Add(crd);
            try
            {
                await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken);
                continue;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound && createMissing)
            {
                // Missing: created below.
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException(
                    $"CustomResourceDefinition/{name} is not installed, so the operator is not either: install the chart, or run with --operator in-process.", e);
            }

            try
            {
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
                created.Add(name);
            }
            catch (HttpOperationException e)
            {
                throw new InvalidOperationException($"CustomResourceDefinition/{name}: {ApiErrorText.From(e)}", e);
            }
        }

        foreach (var name in names)
        {
            await WaitEstablishedAsync(name, cancellationToken);
        }

        return created;
    }

    /// <summary>Applies each manifest in order; namespaced objects without a namespace go to <paramref name="defaultNamespace"/>.</summary>
    public async Task<IReadOnlyList<ApplyOutcome>> ApplyAsync(
        IReadOnlyList<Manifest> manifests, string defaultNamespace, CancellationToken cancellationToken)
    {
        var outcomes = new List<ApplyOutcome>();
        foreach (var manifest in manifests)
        {
            outcomes.Add(await ApplyOneAsync(manifest, defaultNamespace, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>Creates the namespace unless it exists; returns whether it had to be created.</summary>
    public async Task<bool> EnsureNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    private async Task<ApplyOutcome> ApplyOneAsync(Manifest manifest, string defaultNamespace, CancellationToken cancellationToken)
    {
        var obj = manifest.Object;
        if (kinds.Find(obj) is not { } kind)
        {
            return new ApplyOutcome(manifest, "failed", $"unknown kind {obj.ApiVersion}/{obj.Kind} (is its CRD installed?)");
        }

        if (kind.Namespaced && string.IsNullOrEmpty(obj.Metadata.NamespaceProperty))
        {
            obj.Metadata.NamespaceProperty = defaultNamespace;
        }

        try
        {
            await CreateAsync(kind, obj, cancellationToken);
            return new ApplyOutcome(manifest, "created");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return await ReplaceAsync(kind, manifest, cancellationToken);
        }
        catch (HttpOperationException e)
        {
            return new ApplyOutcome(manifest, "failed", ApiErrorText.From(e));
        }
    }

    // The generic custom-object calls address any group (the core group too) and take the body as
    // written; the answer is read for its metadata only, whatever the kind.
    private async Task CreateAsync(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj, CancellationToken cancellationToken)
    {
        _ = kind.Namespaced
            ? await client.CustomObjects.CreateNamespacedCustomObjectAsync<MetadataOnlyObject>(
                obj, kind.Group, kind.Version, obj.Metadata.NamespaceProperty, kind.Plural, cancellationToken: cancellationToken)
            : await client.CustomObjects.CreateClusterCustomObjectAsync<MetadataOnlyObject>(
                obj, kind.Group, kind.Version, kind.Plural, cancellationToken: cancellationToken);
    }

    private async Task<ApplyOutcome> ReplaceAsync(ResourceKind kind, Manifest manifest, CancellationToken cancellationToken)
    {
        var obj = manifest.Object;
        var name = obj.Metadata.Name;
        var ns = obj.Metadata.NamespaceProperty;
        try
        {
            // A replace must carry the current resourceVersion; the rest of the object is ours.
            var current = kind.Namespaced
                ? await client.CustomObjects.GetNamespacedCustomObjectAsync<MetadataOnlyObject>(kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken)
                : await client.CustomObjects.GetClusterCustomObjectAsync<MetadataOnlyObject>(kind.Group, kind.Version, kind.Plural, name, cancellationToken);
            obj.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
            _ = kind.Namespaced
                ? await client.CustomObjects.ReplaceNamespacedCustomObjectAsync<MetadataOnlyObject>(
                    obj, kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken: cancellationToken)
                : await client.CustomObjects.ReplaceClusterCustomObjectAsync<MetadataOnlyObject>(
                    obj, kind.Group, kind.Version, kind.Plural, name, cancellationToken: cancellationToken);
            return new ApplyOutcome(manifest, "configured");
        }
        catch (HttpOperationException e)
        {
            return new ApplyOutcome(manifest, "failed", ApiErrorText.From(e));
        }
    }

    private async Task<V1CustomResourceDefinition> CreateOrReplaceCrdAsync(V1CustomResourceDefinition crd, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            var current = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name, cancellationToken: cancellationToken);
            crd.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
            return await client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(crd, crd.Metadata.Name, cancellationToken: cancellationToken);
        }
    }

    private async Task WaitEstablishedAsync(string name, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + EstablishedTimeout;
        while (true)
        {
            var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken);
            if (crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new InvalidOperationException($"CustomResourceDefinition/{name} was not Established within {EstablishedTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}

using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Hosting;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Operator.Tests.Hosting;

public sealed class GracefulShutdownTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task StopAsync_ReconcileInFlight_WaitsForItToFinishUncancelled()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using var client = server.CreateClient();
        await TestOperatorHost.InstallCrdsAsync(client);
        await using var host = TestOperatorHost.Create(server, "replica-a", builder => builder.Services
            .AddController<BlockingReconciler>("namespaces", sources => sources.Watch<V1Namespace>(ObjectKeyMappings.Self)));
        var reconciler = host.App.Services.GetRequiredService<BlockingReconciler>();
        await host.App.StartAsync();
        await reconciler.Started.Task.WaitAsync(Timeout);

        var stopping = host.App.StopAsync();
        await Task.Delay(500);
        var stoppedEarly = stopping.IsCompleted;
        reconciler.Release();
        await stopping.WaitAsync(Timeout);

        stoppedEarly.Should().BeFalse("shutdown waits for the in-flight reconcile");
        reconciler.Finished.Should().BeTrue();
        reconciler.WasCancelled.Should().BeFalse("a graceful shutdown lets the reconcile finish instead of cancelling it");
    }
}

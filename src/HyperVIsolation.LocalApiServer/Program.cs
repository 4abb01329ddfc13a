// Standalone local API server: starts it, prints the kubeconfig path, runs until Ctrl+C.
using HyperVIsolation.LocalApiServer.Hosting;

var port = args.Length > 1 && args[0] == "--port" && int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 0;
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// The web host swallows SIGTERM waiting for its own shutdown; stop on it like on Ctrl+C.
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

await using var server = await LocalApiServer.StartAsync(new LocalApiServerOptions { Port = port }, stop.Token);
Console.WriteLine($"Local API server listening on {server.BaseUri}");
Console.WriteLine($"kubeconfig: {server.KubeconfigPath}");
Console.WriteLine($"Try: kubectl --kubeconfig {server.KubeconfigPath} get namespaces");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C.
}

return 0;

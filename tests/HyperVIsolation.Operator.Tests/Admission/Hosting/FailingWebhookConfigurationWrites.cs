using System.Net;

namespace HyperVIsolation.Operator.Tests.Admission.Hosting;

/// <summary>While <see cref="Enabled"/>, answers every write to the webhook configurations with 500; everything else passes through.</summary>
internal sealed class FailingWebhookConfigurationWrites : DelegatingHandler
{
    public bool Enabled { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isWrite = request.Method != HttpMethod.Get;
        var isConfiguration = request.RequestUri?.AbsolutePath.Contains("/admissionregistration.k8s.io/", StringComparison.Ordinal) == true;
        if (Enabled && isWrite && isConfiguration)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError) { RequestMessage = request, Content = new StringContent("{}") });
        }

        return base.SendAsync(request, cancellationToken);
    }
}

using HyperVIsolation.Operator.Observability;
using Microsoft.AspNetCore.Builder;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// Builds the operator process: one ASP.NET Core host serving the webhook (HTTPS) on every replica and
/// metrics and health (HTTP), running the caches everywhere and the controllers on the elected leader.
/// </summary>
public static class OperatorHost
{
    /// <summary>
    /// A builder with the JSON console logs and every operator service registered. <paramref name="configure"/>
    /// runs before the operator's registrations, so it can add configuration, replace seams and add controllers.
    /// </summary>
    /// <param name="args">Command-line configuration (<c>--Operator:Workers 4</c>).</param>
    /// <param name="configure">Adjusts the builder; tests add configuration and controllers here.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(OperatorHost).Assembly.GetName().Name,
        });
        builder.Logging.AddOperatorLogging();
        configure?.Invoke(builder);
        builder.Services.AddHyperVIsolationOperator(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Builds the application and maps its endpoints. Throws
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> listing every configuration problem.
    /// </summary>
    /// <param name="args">As for <see cref="CreateBuilder"/>.</param>
    /// <param name="configure">As for <see cref="CreateBuilder"/>.</param>
    /// <returns>The application, not started.</returns>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = CreateBuilder(args, configure).Build();
        MapEndpoints(app);
        return app;
    }

    /// <summary>Maps metrics, health and the webhook's endpoints; reads (and so validates) the webhook's options.</summary>
    /// <param name="app">An application built from <see cref="CreateBuilder"/>.</param>
    public static void MapEndpoints(WebApplication app)
    {
        app.MapOperatorEndpoints();
        Admission.Hosting.AdmissionHostingExtensions.MapIsolationWebhook(app);
    }
}

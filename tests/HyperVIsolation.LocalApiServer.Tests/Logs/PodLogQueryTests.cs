using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Logs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HyperVIsolation.LocalApiServer.Tests.Logs;

/// <summary>PodLogOptions as kube-apiserver reads and validates them, and which lines they pick.</summary>
public sealed class PodLogQueryTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly ContainerLogLine[] Lines =
    [
        new(Start, "first"),
        new(Start.AddSeconds(1), "second"),
        new(Start.AddSeconds(2), "third"),
    ];

    [Theory]
    [InlineData("sinceSeconds=0", "PodLogOptions \"web\" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0")]
    [InlineData("limitBytes=0", "PodLogOptions \"web\" is invalid: limitBytes: Invalid value: 0: must be greater than 0")]
    [InlineData("sinceSeconds=5&sinceTime=2026-03-01T10:00:00Z", "PodLogOptions \"web\" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified")]
    [InlineData("tailLines=-1&limitBytes=-5", "PodLogOptions \"web\" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, limitBytes: Invalid value: -5: must be greater than 0]")]
    public void Parse_BrokenOptions_UnprocessableWithEveryRuleAsKubeApiserverWordsIt(string query, string message)
    {
        var parse = () => PodLogQuery.Parse(Query(query), "web");

        var refused = parse.Should().Throw<ApiException>().Which;
        refused.Code.Should().Be(422);
        refused.Reason.Should().Be("Invalid");
        refused.Message.Should().Be(message);
    }

    [Theory]
    [InlineData("limitBytes=lots")]
    [InlineData("sinceTime=yesterday")]
    public void Parse_UnreadableValue_BadRequest(string query)
    {
        var parse = () => PodLogQuery.Parse(Query(query), "web");

        parse.Should().Throw<ApiException>().Which.Code.Should().Be(400);
    }

    [Theory]
    [InlineData("sinceTime=2026-03-01T10:00:01Z", "second,third")]
    [InlineData("sinceSeconds=2", "second,third")]
    [InlineData("sinceSeconds=2&tailLines=1", "third")]
    [InlineData("sinceSeconds=60", "first,second,third")]
    [InlineData("sinceTime=2026-03-01T11:00:00Z", "")]
    public void Select_Since_LinesFromThatTimeThenTheirTail(string query, string expected)
    {
        var now = Start.AddSeconds(3);

        var picked = PodLogQuery.Parse(Query(query), "web").Select(Lines, now);

        string.Join(',', picked.Select(line => line.Text)).Should().Be(expected);
    }

    private static QueryCollection Query(string query) => new(
        query.Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => new StringValues(pair[1])));
}

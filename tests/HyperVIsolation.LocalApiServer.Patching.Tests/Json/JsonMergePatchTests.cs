using HyperVIsolation.LocalApiServer.Patching.Json;

namespace HyperVIsolation.LocalApiServer.Patching.Tests.Json;

public sealed class JsonMergePatchTests
{
    // The RFC 7386 appendix A table, plus the section 3 example.
    public static TheoryData<string, string, string> RfcCases => new()
    {
        { """{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""" },
        { """{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""" },
        { """{"a":"b"}""", """{"a":null}""", """{}""" },
        { """{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""" },
        { """{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""" },
        { """{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""" },
        { """{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""" },
        { """{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""" },
        { """["a","b"]""", """["c","d"]""", """["c","d"]""" },
        { """{"a":"b"}""", """["c"]""", """["c"]""" },
        { """{"a":"foo"}""", "null", "null" },
        { """{"a":"foo"}""", "\"bar\"", "\"bar\"" },
        { """{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""" },
        { """[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""" },
        { "{}", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""" },
        {
            """{"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],"content":"This will be unchanged"}""",
            """{"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]}""",
            """{"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged","phoneNumber":"+01-123-456-7890"}"""
        },
    };

    [Theory]
    [MemberData(nameof(RfcCases))]
    public void Apply_RfcExample_ProducesRfcResult(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(JsonAssertions.Parse(target), JsonAssertions.Parse(patch));

        result.ShouldEqualJson(expected);
    }

    [Fact]
    public void Apply_NestedPatch_DoesNotModifyInputs()
    {
        var target = JsonAssertions.Parse("""{"a":{"b":1}}""");
        var patch = JsonAssertions.Parse("""{"a":{"c":{"d":1}}}""");

        _ = JsonMergePatch.Apply(target, patch);

        target.ShouldEqualJson("""{"a":{"b":1}}""");
        patch.ShouldEqualJson("""{"a":{"c":{"d":1}}}""");
    }

    [Fact]
    public void Apply_MergedMember_KeepsItsPosition()
    {
        var result = JsonMergePatch.Apply(JsonAssertions.Parse("""{"a":{"x":1},"b":2}"""), JsonAssertions.Parse("""{"a":{"y":2}}"""));

        result!.ToJsonString().Should().Be("""{"a":{"x":1,"y":2},"b":2}""");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void ApplyToObject_NonObjectPatch_ThrowsBadRequest(string patch)
    {
        var act = () => JsonMergePatch.ApplyToObject(JsonAssertions.ParseObject("""{"a":1}"""), JsonAssertions.Parse(patch));

        act.Should().Throw<PatchException>().Which.StatusCode.Should().Be(400);
    }

    [Fact]
    public void ApplyToObject_LabelPatch_MergesLabels()
    {
        var live = JsonAssertions.ParseObject("""{"metadata":{"name":"x","labels":{"a":"1","b":"2"}}}""");

        var result = JsonMergePatch.ApplyToObject(live, JsonAssertions.Parse("""{"metadata":{"labels":{"a":null,"c":"3"}}}"""));

        result.ShouldEqualJson("""{"metadata":{"name":"x","labels":{"b":"2","c":"3"}}}""");
    }
}

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>Where a value templated into a URL lands, as the rendered text before it decides.</summary>
internal enum UrlPosition
{
    /// <summary>It starts the URL (nothing but whitespace before it): a base URL, or the whole URL.</summary>
    Start,

    /// <summary>In the scheme or the authority: before the first '/', '\', '?' or '#' after <c>://</c>.</summary>
    Authority,

    /// <summary>In the path: before the first '?' or '#'.</summary>
    Path,

    /// <summary>In the query, not after '=': a parameter's name, or the whole query.</summary>
    Query,

    /// <summary>In the query, as a parameter's value: the last of '?', '&amp;' and '=' before it is '='.</summary>
    QueryValue,

    /// <summary>After '#'.</summary>
    Fragment,
}

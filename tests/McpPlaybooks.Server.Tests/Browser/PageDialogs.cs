using PuppeteerSharp;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>The page's confirmation dialogs, as a person who agrees to each answers them.</summary>
internal static class PageDialogs
{
    /// <summary>Accepts every dialog the page opens; the list collects their messages, in order.</summary>
    public static List<string> Confirming(IPage page)
    {
        var asked = new List<string>();
        page.Dialog += async (_, e) =>
        {
            lock (asked)
            {
                asked.Add(e.Dialog.Message);
            }

            await e.Dialog.Accept();
        };
        return asked;
    }
}

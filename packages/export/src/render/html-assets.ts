// The inline style and script of the HTML export: one file, no external request (the page
// also forbids them with a Content-Security-Policy), light and dark themes, print-friendly.

/** Forbids every external load: only the inline style and script run. */
export const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The page's stylesheet. */
export const STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;--accent:#0969da;
--add:#1a7f37;--add-bg:#dafbe1;--del:#cf222e;--del-bg:#ffebe9;--hunk:#8250df;--k:#cf222e;--s:#0a3069;--c:#59636e;--n:#0550ae}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#151b23;--line:#3d444d;
--accent:#4493f8;--add:#3fb950;--add-bg:#12261e;--del:#f85149;--del-bg:#25171c;--hunk:#ab7df8;--k:#ff7b72;--s:#a5d6ff;--c:#9198a1;--n:#79c0ff}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
.page{max-width:980px;margin:0 auto;padding:24px 20px 64px}
h1{font-size:1.6em;margin:0 0 4px;overflow-wrap:anywhere}
h2{font-size:1.2em;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
.meta,.muted,time{color:var(--muted)}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:12px 0}
.chip{background:var(--panel);border:1px solid var(--line);border-radius:999px;padding:2px 10px;font-size:.9em}
.chip.bad{color:var(--del);border-color:var(--del)}
code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
code{background:var(--panel);border-radius:4px;padding:1px 4px;overflow-wrap:anywhere}
pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow:auto;margin:6px 0;white-space:pre}
table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.add{color:var(--add)}.del{color:var(--del)}
nav.toc{display:flex;flex-wrap:wrap;gap:4px 12px;margin:8px 0 0}
a{color:var(--accent)}
.tools{float:right}
button{font:inherit;font-size:.85em;background:var(--panel);color:var(--fg);border:1px solid var(--line);border-radius:6px;padding:2px 8px;cursor:pointer}
blockquote.prompt{margin:8px 0 12px;padding:8px 12px;border-left:4px solid var(--accent);background:var(--panel);white-space:pre-wrap;overflow-wrap:anywhere}
ol.steps{list-style:none;margin:0;padding:0 0 0 14px;border-left:2px solid var(--line)}
ol.steps>li{position:relative;margin:6px 0;padding-left:10px}
ol.steps>li::before{content:"";position:absolute;left:-21px;top:.55em;width:10px;height:10px;border-radius:50%;background:var(--line)}
li.ok::before{background:var(--add)!important}li.error::before,li.interrupted::before{background:var(--del)!important}
li.say{color:var(--muted);white-space:pre-wrap}
.tool{font-weight:600}
.res.bad{color:var(--del)}.res.good{color:var(--add)}
.sub{font-size:.85em;color:var(--muted)}
.outcome{margin:10px 0;padding:6px 10px;border:1px dashed var(--line);border-radius:6px;white-space:pre-wrap}
details>summary{cursor:pointer;color:var(--muted);font-size:.9em}
pre.diff span{display:block}
.d-add{background:var(--add-bg)}.d-del{background:var(--del-bg)}
.d-hunk{color:var(--hunk)}.d-meta{color:var(--muted);font-weight:600}
.k{color:var(--k)}.s{color:var(--s)}.c{color:var(--c);font-style:italic}.n{color:var(--n)}
footer{margin-top:40px;color:var(--muted);font-size:.85em;border-top:1px solid var(--line);padding-top:8px}
@media print{.tools{display:none}details{display:block}details>*{display:block}}
`;

/** Expand or collapse every output and diff at once. */
export const SCRIPT = `
document.querySelectorAll('[data-details]').forEach(function(b){b.addEventListener('click',function(){
var open=b.getAttribute('data-details')==='open';
document.querySelectorAll('details').forEach(function(d){d.open=open;});});});
`;

//! `casefile watch` and `casefile serve`: build, then rebuild whenever a case, a source
//! text or a template changes (debounced; the build itself is incremental), and, for
//! `serve`, a server on 127.0.0.1 whose pages reload when a rebuild changes them.
//!
//! The reload script exists only in what the server sends: it is added to each HTML page
//! on the way out, allowed by its hash in that response's Content-Security-Policy, and
//! never written to the output folder, whose pages stay script-free.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use super::Outcome;
use crate::config::BuildConfig;
use crate::error::Error;
use crate::report::{Diagnostic, Reporter};

/// How long the files must be quiet before a rebuild starts.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// The address a page polls for the site's version.
const VERSION_PATH: &str = "/__casefile/version";
/// The script added to served pages: it reloads the page when the version changes.
const RELOAD: &str = "(()=>{let v=null;const poll=async()=>{try{const r=await fetch(\"/__casefile/version\",{cache:\"no-store\"});const t=await r.text();if(v===null){v=t;}else if(t!==v){location.reload();return;}}catch(e){}setTimeout(poll,250);};poll();})();";

pub fn run(cfg: &BuildConfig, port: Option<u16>, reporter: &Reporter) -> Outcome {
    if !cfg.cases.is_dir() {
        return Outcome::failed(Error::NoCasesFolder {
            dir: cfg.cases.clone(),
        });
    }
    let version = Arc::new(AtomicU64::new(0));
    // Watch first: a change made while the first build runs (or as soon as the address
    // is printed) is not missed. Only changes count: reading a file (which every build
    // does) is an access event, and answering it would rebuild for ever.
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !matches!(e.kind, EventKind::Access(_))) {
            let _ = tx.send(());
        }
    });
    let mut watcher = match watcher {
        Ok(w) => w,
        Err(e) => return Outcome::failed(watch_error(&cfg.cases, &e)),
    };
    for dir in [&cfg.cases, &cfg.templates] {
        if dir.is_dir()
            && let Err(e) = watcher.watch(dir, RecursiveMode::Recursive)
        {
            return Outcome::failed(watch_error(dir, &e));
        }
    }
    rebuild(cfg, reporter);
    if let Some(port) = port {
        let server = match tiny_http::Server::http(("127.0.0.1", port)) {
            Ok(s) => s,
            Err(e) => {
                return Outcome::failed(Error::Usage {
                    message: format!(
                        "cannot serve on 127.0.0.1:{port}: {e} (`--port 0` takes any free port)"
                    ),
                });
            }
        };
        let shown = server
            .server_addr()
            .to_ip()
            .map_or_else(|| format!("127.0.0.1:{port}"), |a| a.to_string());
        reporter.always(&format!(
            "serving {} at http://{shown}/ (pages reload on change; Ctrl-C stops)",
            cfg.output.display()
        ));
        let root = cfg.output.clone();
        let v = Arc::clone(&version);
        std::thread::spawn(move || serve(&server, &root, &v));
    }
    reporter.info(&format!(
        "watching {} and {} for changes",
        cfg.cases.display(),
        cfg.templates.display()
    ));
    // A burst of changes (an editor's save, a checkout) is one rebuild: it starts once
    // the files have been quiet for DEBOUNCE. Open pages reload only after a build that
    // succeeded.
    while rx.recv().is_ok() {
        while rx.recv_timeout(DEBOUNCE).is_ok() {}
        if rebuild(cfg, reporter) {
            version.fetch_add(1, Ordering::SeqCst);
        }
    }
    Outcome::default()
}

/// One build, its diagnostics printed now (the loop goes on after errors); whether it
/// succeeded.
fn rebuild(cfg: &BuildConfig, reporter: &Reporter) -> bool {
    let outcome = super::build::run(cfg, reporter);
    let ok = outcome.errors.is_empty();
    reporter.diagnostics(
        outcome.warnings,
        Diagnostic::errors(&outcome.errors.0),
        outcome.report,
    );
    ok
}

fn watch_error(dir: &Path, e: &dyn std::fmt::Display) -> Error {
    Error::Read {
        path: dir.to_path_buf(),
        source: std::io::Error::other(format!("cannot watch it for changes: {e}")),
    }
}

/// Answer requests until the process ends.
fn serve(server: &tiny_http::Server, root: &Path, version: &AtomicU64) {
    for request in server.incoming_requests() {
        let response = respond(request.url(), root, version);
        let _ = request.respond(response);
    }
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn respond(url: &str, root: &Path, version: &AtomicU64) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == VERSION_PATH {
        return with_type(
            tiny_http::Response::from_string(version.load(Ordering::SeqCst).to_string()),
            "text/plain; charset=utf-8",
        );
    }
    let Some(file) = local_path(root, path) else {
        return tiny_http::Response::from_string("not found").with_status_code(404);
    };
    let Ok(bytes) = std::fs::read(&file) else {
        return tiny_http::Response::from_string("not found").with_status_code(404);
    };
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext == "html" {
        let page = String::from_utf8_lossy(&bytes);
        return with_type(
            tiny_http::Response::from_string(with_reload(&page)),
            "text/html; charset=utf-8",
        );
    }
    with_type(tiny_http::Response::from_data(bytes), content_type(ext))
}

/// The file a URL path names inside `root`: no `..`, no absolute parts, a folder's
/// `index.html`, and nothing that resolves outside the folder.
fn local_path(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut rel = PathBuf::new();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(part) => rel.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    let mut file = root.join(rel);
    if file.is_dir() {
        file.push("index.html");
    }
    let real = file.canonicalize().ok()?;
    real.starts_with(root.canonicalize().ok()?).then_some(real)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A page as served: the reload script before `</body>`, allowed by its hash (and its
/// polling by `connect-src 'self'`) in the page's own Content-Security-Policy.
fn with_reload(page: &str) -> String {
    let hash = crate::render::csp_hash(RELOAD);
    let csp = page.replacen(
        "default-src 'none';",
        &format!("default-src 'none'; script-src {hash}; connect-src 'self';"),
        1,
    );
    match csp.rfind("</body>") {
        Some(i) => format!("{}<script>{RELOAD}</script>\n{}", &csp[..i], &csp[i..]),
        None => csp,
    }
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "md" => "text/markdown; charset=utf-8",
        "json" => "application/json",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn with_type(r: Response, value: &str) -> Response {
    match tiny_http::Header::from_bytes(&b"Content-Type"[..], value.as_bytes()) {
        Ok(h) => r.with_header(h),
        Err(()) => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let dir = tempfile::tempdir().expect("dir");
        let site = dir.path().join("site");
        std::fs::create_dir(&site).expect("site");
        std::fs::write(site.join("index.html"), "x").expect("write");
        // A file beside the site, which every path below tries to reach.
        std::fs::write(dir.path().join("secret.txt"), "s").expect("write");
        assert!(local_path(&site, "/").is_some());
        assert!(local_path(&site, "/index.html").is_some());
        assert!(local_path(&dir.path().join("site/."), "/index.html").is_some());
        for path in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/./../secret.txt",
            "/..%2fsecret.txt",
        ] {
            assert!(local_path(&site, path).is_none(), "{path}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("link.txt"))
                .expect("link");
            assert!(
                local_path(&site, "/link.txt").is_none(),
                "a link out of the site"
            );
        }
        assert!(local_path(&site, "/missing.html").is_none());
    }

    #[test]
    fn the_reload_script_is_allowed_by_its_hash_only_in_served_pages() {
        let page = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'x'\">\n<body>\n</body>";
        let served = with_reload(page);
        assert!(served.contains(&format!("script-src {}", crate::render::csp_hash(RELOAD))));
        assert!(served.contains("connect-src 'self'"));
        assert!(served.contains("<script>") && served.ends_with("</body>"));
    }
}

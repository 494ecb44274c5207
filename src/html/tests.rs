//! Unit tests of the HTML stage.

use super::*;
use crate::document::{DomEvidence, Landmarks};

fn doc(html: &str) -> Document {
    match parse_str(html) {
        Ok(doc) => doc,
        Err(e) => panic!("parse failed: {e}"),
    }
}

fn texts(html: &str) -> Vec<String> {
    doc(html).blocks.into_iter().map(|b| b.text).collect()
}

/// The evidence of the one block whose text is `text`.
fn dom_of(doc: &Document, text: &str) -> DomEvidence {
    let found: Vec<_> = doc.blocks.iter().filter(|b| b.text == text).collect();
    assert_eq!(
        found.len(),
        1,
        "blocks with text {text:?}: {:#?}",
        doc.blocks
    );
    found[0]
        .dom
        .clone()
        .expect("HTML blocks carry DOM evidence")
}

#[test]
fn paragraphs_and_inline_elements() {
    let doc = doc(
        "<body><p>One <b>bold</b>, <i>italic</i> and <a href=x>linked</a>.</p>\
         <p>Two<sup>1</sup> <span>spans</span> <em>and</em> <strong>more</strong>.</p>\
         <p>  </p><p>Three\n   lines\n of  text </p></body>",
    );
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "One bold, italic and linked.",
            "Two1 spans and more.",
            "Three lines of text"
        ]
    );
    for (i, block) in doc.blocks.iter().enumerate() {
        assert_eq!(block.line, i + 1);
        assert!(block.gap_before);
        assert_eq!(block.dom.as_ref().map(|d| d.tag.as_str()), Some("p"));
    }
}

#[test]
fn images_give_no_text() {
    assert_eq!(
        texts("<p>Before <img alt=\"a photo\" src=x.jpg> after</p>"),
        ["Before after"]
    );
}

#[test]
fn br_splits_a_block_into_lines() {
    let html =
        "<div class=post-body>First chunk, <b>bold</b>.<br /><br />\nSecond chunk.<br />\n<br />\
                <i>Third, in italics.</i><br><br>Fourth<br>Fifth</div>";
    let doc = doc(html);
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "First chunk, bold.",
            "Second chunk.",
            "Third, in italics.",
            "Fourth",
            "Fifth"
        ]
    );
    let dom = dom_of(&doc, "Second chunk.");
    assert_eq!(dom.tag, "div");
    assert_eq!(dom.class_tokens, ["post-body"]);
}

#[test]
fn a_hard_wrapped_paragraph_stays_one_block() {
    // Text wrapped at a fixed width with one `<br>` a line: a line that
    // does not end a sentence, followed by one in lower case, is wrapped.
    let html = "<div>Gym equipment refers to the machines and tools used in a<br>\n\
                fitness facility. Most gyms have <a href=x>three</a> kinds<br>of them.<br>\
                Cardio machines come first:<br>treadmills and bikes.<br><br>\
                a new paragraph after two breaks</div>";
    assert_eq!(
        texts(html),
        [
            "Gym equipment refers to the machines and tools used in a fitness facility. Most gyms have three kinds of them.",
            "Cardio machines come first:",
            "treadmills and bikes.",
            "a new paragraph after two breaks",
        ]
    );
    let doc = doc(html);
    let wrapped = dom_of(&doc, "Cardio machines come first:");
    assert_eq!(wrapped.link_density, 0.0);
}

#[test]
fn text_between_block_children_is_its_own_block() {
    assert_eq!(
        texts(
            "<div>Intro text<p>Inner paragraph</p>middle <b>run</b><div>Inner div</div>tail</div>"
        ),
        [
            "Intro text",
            "Inner paragraph",
            "middle run",
            "Inner div",
            "tail"
        ]
    );
}

#[test]
fn lists_give_one_block_per_item() {
    let doc = doc("<ul><li>First fact</li><li>Second <a href=#>fact</a></li>\
                   <li>Parent<ul><li>Nested</li></ul></li><li> </li></ul><ol><li>Numbered</li></ol>");
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        ["First fact", "Second fact", "Parent", "Nested", "Numbered"]
    );
    let dom = dom_of(&doc, "Nested");
    assert_eq!(dom.tag, "li");
    assert!(dom.landmarks.list_item);
    assert!(dom.tag_path.ends_with("ul/li/ul/li"), "{}", dom.tag_path);
}

#[test]
fn data_table_rows_join_cells() {
    let doc = doc(
        "<p>Before</p><table class=datatable><caption>Rainfall</caption>\
         <thead><tr><th>Month</th><th>Rain</th><th></th></tr></thead>\
         <tbody><tr><td>January</td><td> 1.2 </td><td><br></td></tr>\
         <tr><td>February</td><td><p>0.9</p></td><td>low</td></tr>\
         <tr><td></td><td> </td></tr></tbody></table><p>After</p>",
    );
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Before",
            "Rainfall",
            "Month | Rain",
            "January | 1.2",
            "February | 0.9 | low",
            "After"
        ]
    );
    let dom = dom_of(&doc, "January | 1.2");
    assert_eq!(dom.tag, "tr");
    assert!(dom.landmarks.table_row);
    assert!(dom.tag_path.ends_with("table/tbody/tr"), "{}", dom.tag_path);
    assert_eq!(dom.class_tokens, ["datatable"]);
}

#[test]
fn layout_table_is_not_flattened() {
    // The outer table holds another table: its cells are boxes, not rows.
    let html = "<table><tr><td><a href=/>Home</a></td><td>\
        <h1>Rainfall hits record low</h1><p>First paragraph of the story.</p>\
        <table class=data><tr><th>Month</th><th>Rain</th></tr><tr><td>May</td><td>0.2</td></tr></table>\
        <p>Second paragraph of the story.</p></td><td>Sidebar</td></tr></table>";
    let doc = doc(html);
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Home",
            "Rainfall hits record low",
            "First paragraph of the story.",
            "Month | Rain",
            "May | 0.2",
            "Second paragraph of the story.",
            "Sidebar"
        ]
    );
    assert_eq!(dom_of(&doc, "Home").tag, "td");
    assert!(!dom_of(&doc, "Home").landmarks.table_row);
    assert!(dom_of(&doc, "May | 0.2").landmarks.table_row);
}

#[test]
fn table_with_paragraph_cells_is_layout() {
    let long = "This cell holds a whole paragraph of running text, the way old pages put their stories in table cells. ".repeat(2);
    let html = format!(
        "<table><tr><td>Menu</td><td><p>{long}</p><p>Another paragraph.</p></td></tr></table>"
    );
    let texts = texts(&html);
    assert_eq!(texts, ["Menu", long.trim(), "Another paragraph."]);
}

#[test]
fn single_column_table_is_layout() {
    let doc = doc("<table><tr><td>Home</td></tr><tr><td>Local News</td></tr></table>");
    assert_eq!(dom_of(&doc, "Home").tag, "td");
    assert_eq!(dom_of(&doc, "Local News").tag, "td");
}

#[test]
fn skipped_elements_give_no_text() {
    let html = "<html><head><title>T</title><style>p{color:red}</style>\
        <script>var x = '<p>no</p>';</script></head><body>\
        <p>Kept one.</p>\
        <script>document.write('script text')</script>\
        <style>.a{}</style>\
        <noscript><p>Enable JavaScript</p></noscript>\
        <template><p>Template text</p></template>\
        <svg><title>Svg title</title><text>Svg text</text></svg>\
        <math><mi>x</mi></math>\
        <iframe>Iframe text</iframe>\
        <object>Object text</object>\
        <canvas>Canvas text</canvas>\
        <select><option>Option text</option></select>\
        <button>Button text</button><input value=\"Input text\">\
        <textarea>Textarea text</textarea>\
        <!-- a comment -->\
        <p>Kept <button>Click</button>two.</p></body></html>";
    assert_eq!(texts(html), ["Kept one.", "Kept two."]);
}

#[test]
fn hidden_blocks_are_flagged_not_dropped() {
    let html = "<p>Visible.</p>\
        <div hidden><p>By attribute.</p></div>\
        <div aria-hidden=\"true\"><p>By aria.</p></div>\
        <div aria-hidden=\"false\"><p>Not hidden by aria false.</p></div>\
        <div style=\"color: red; DISPLAY : None !important\"><div><p>By display.</p></div></div>\
        <section style=\"visibility:hidden\">By visibility.</section>\
        <dialog>Closed dialog.</dialog><dialog open>Open dialog.</dialog>\
        <p>Before <span style=\"display:none\">secret</span> after.</p>";
    let doc = doc(html);
    let hidden = |text: &str| dom_of(&doc, text).landmarks.hidden;
    assert!(!hidden("Visible."));
    assert!(hidden("By attribute."));
    assert!(hidden("By aria."));
    assert!(!hidden("Not hidden by aria false."));
    assert!(hidden("By display."));
    assert!(hidden("By visibility."));
    assert!(hidden("Closed dialog."));
    assert!(!hidden("Open dialog."));
    // A hidden inline element is a block of its own; the text around it is
    // not polluted.
    assert!(hidden("secret"));
    assert!(!hidden("Before"));
    assert!(!hidden("after."));
}

#[test]
fn each_article_is_numbered() {
    let doc = doc(
        "<p>Before</p><article><p>First story</p><div><p>Still first</p></div></article>\
        <article><p>Second story</p></article>",
    );
    let id = |text: &str| dom_of(&doc, text).landmarks.article_id;
    assert_eq!(id("Before"), 0);
    assert_eq!(id("First story"), 1);
    assert_eq!(id("Still first"), 1);
    assert_eq!(id("Second story"), 2);
}

#[test]
fn a_teaser_card_in_an_articles_aside_is_part_of_it() {
    let doc = doc(
        "<article><p>Story opens</p><aside><article><p>Read also card</p></article></aside>\
        <p>Story goes on</p><article><p>Nested story</p></article></article>",
    );
    let id = |text: &str| dom_of(&doc, text).landmarks.article_id;
    assert_eq!(id("Story opens"), 1);
    assert_eq!(id("Read also card"), 1);
    assert_eq!(id("Story goes on"), 1);
    assert_eq!(id("Nested story"), 2, "an article nested outside an aside");
}

#[test]
fn landmarks_from_tags() {
    let html = "<header><p>Head</p></header><nav><ul><li><a href=/>Home</a></li></ul></nav>\
        <main><article><h1>Title</h1><figure><img src=x><figcaption>Caption</figcaption></figure>\
        <p>Body</p><blockquote>Quoted</blockquote><aside>Pull quote</aside>\
        <form><label>Email</label></form></article></main><footer>Foot</footer>";
    let doc = doc(html);
    let lm = |text: &str| dom_of(&doc, text).landmarks;
    assert_eq!(
        lm("Head"),
        Landmarks {
            header: true,
            ..Landmarks::default()
        }
    );
    assert!(lm("Home").nav && lm("Home").list_item);
    assert!(lm("Title").heading && lm("Title").article && lm("Title").main);
    assert!(lm("Caption").figure);
    assert_eq!(
        lm("Body"),
        Landmarks {
            article: true,
            article_id: 1,
            main: true,
            ..Landmarks::default()
        }
    );
    assert!(lm("Quoted").blockquote);
    assert!(lm("Pull quote").aside);
    assert!(lm("Email").form);
    assert!(lm("Foot").footer);
    assert_eq!(dom_of(&doc, "Title").tag, "h1");
}

#[test]
fn landmarks_from_aria_roles() {
    let html = "<div role=navigation>Nav</div><div role=banner>Banner</div>\
        <div role=contentinfo>Info</div><div role=complementary>Side</div>\
        <div role=main><div role=article>Story</div></div><div role=\"presentation\">Plain</div>";
    let doc = doc(html);
    let lm = |text: &str| dom_of(&doc, text).landmarks;
    assert!(lm("Nav").nav);
    assert!(lm("Banner").header);
    assert!(lm("Info").footer);
    assert!(lm("Side").aside);
    assert!(lm("Story").main && lm("Story").article);
    assert_eq!(lm("Plain"), Landmarks::default());
}

#[test]
fn comment_sections_are_flagged() {
    let html = "<div id=comments><p>A reader comment.</p></div>\
        <div class=\"comment-respond\"><h3>Leave a Reply</h3></div>\
        <div id=disqus_thread><p>Disqus text.</p></div>\
        <div id=respond><p>Respond form.</p></div>\
        <div class=commentary><p>An opinion column.</p></div>\
        <div class=\"byline correspondent\"><p>Our correspondent.</p></div>\
        <div class=story><p>Story text.</p></div>";
    let doc = doc(html);
    let comments = |text: &str| dom_of(&doc, text).landmarks.comments;
    assert!(comments("A reader comment."));
    assert!(comments("Leave a Reply"));
    assert!(comments("Disqus text."));
    assert!(comments("Respond form."));
    assert!(!comments("An opinion column."));
    assert!(!comments("Our correspondent."));
    assert!(!comments("Story text."));
}

#[test]
fn class_tokens_of_element_and_ancestors() {
    let html = "<body class=\"Single post\"><div id=Main class=\"wrap  WRAP\">\
        <article class=\"story_body story-body\"><p class=\"lead wrap\">Text <span class=inline>here</span>.</p>\
        </article></div></body>";
    let doc = doc(html);
    let dom = dom_of(&doc, "Text here.");
    // The root's (`<body>`'s) page-wide tokens are left out.
    assert_eq!(
        dom.class_tokens,
        ["main", "story_body", "story-body", "lead", "wrap"]
    );
    assert_eq!(dom.tag_path, "html/body/div/article/p");
    assert_eq!(dom.depth, 5);
}

#[test]
fn class_tokens_and_tag_path_are_capped() {
    let open: String = (0..60).map(|i| format!("<div class=c{i}>")).collect();
    let html = format!("{open}<p>Deep text</p>");
    let doc = doc(&html);
    let dom = dom_of(&doc, "Deep text");
    assert_eq!(dom.class_tokens.len(), 12);
    assert_eq!(dom.class_tokens.first().map(String::as_str), Some("c48"));
    assert_eq!(dom.class_tokens.last().map(String::as_str), Some("c59"));
    assert_eq!(dom.tag_path.split('/').count(), 12);
    assert!(dom.tag_path.ends_with("div/div/p"));
    assert_eq!(dom.depth, 63);
}

#[test]
fn link_density() {
    let html = "<p><a href=/a>Home</a></p><p>No links here at all.</p>\
        <p>Half <a href=/b>link</a></p><div><a href=/c><h3>Card title</h3><p>Card text</p></a></div>";
    let doc = doc(html);
    let density = |text: &str| dom_of(&doc, text).link_density;
    assert_eq!(density("Home"), 1.0);
    assert_eq!(density("No links here at all."), 0.0);
    assert_eq!(density("Half link"), 0.5);
    assert_eq!(density("Card title"), 1.0);
    assert_eq!(density("Card text"), 1.0);
}

#[test]
fn touching_links_are_separate_words() {
    assert_eq!(
        texts(
            "<div><a href=/s>Subscribe</a><a href=/l>Sign in</a></div>\
               <div><cite>Marty B.</cite><span><a href=#c>May 1</a></span></div>\
               <div><a href=#r>Reply</a><span><a href=#d>Delete</a></span></div>\
               <p>Micro<b>soft</b> and <a href=/w>Wiki</a>pedia</p>\
               <p><span>Another factor is </span><a href=/o>optimism bias</a>\
               <span>, that feeling.</span></p>"
        ),
        [
            "Subscribe Sign in",
            "Marty B. May 1",
            "Reply Delete",
            "Microsoft and Wikipedia",
            "Another factor is optimism bias, that feeling."
        ]
    );
}

#[test]
fn entities_are_decoded() {
    assert_eq!(
        texts("<p>Water &amp; sewer authority&#8217;s plan costs &#36;5&nbsp;million.&nbsp;</p>\
               <p>&#8220;Quoted&#8221; &mdash; Jan.&#160;1 &lt;tag&gt;</p><p>&nbsp;</p><p>&#160; </p>"),
        [
            "Water & sewer authority\u{2019}s plan costs $5 million.",
            "\u{201c}Quoted\u{201d} \u{2014} Jan. 1 <tag>"
        ]
    );
}

#[test]
fn declared_title_from_og_title() {
    let doc = doc("<head><title>Something else | Site</title>\
        <meta property=\"og:title\" content=\"The real headline\"></head><body><p>x</p></body>");
    assert_eq!(doc.declared_title.as_deref(), Some("The real headline"));
}

#[test]
fn declared_title_from_title_without_site_name() {
    let doc =
        doc("<head><title>\n  Council approves bike lanes | The Courier\n</title></head><p>x</p>");
    assert_eq!(
        doc.declared_title.as_deref(),
        Some("Council approves bike lanes")
    );
    let doc = doc_of_title("The Courier :: Local :: Council approves bike lanes");
    assert_eq!(
        doc.declared_title.as_deref(),
        Some("Council approves bike lanes")
    );
    let doc = doc_of_title("Council approves bike lanes - The Courier");
    assert_eq!(
        doc.declared_title.as_deref(),
        Some("Council approves bike lanes")
    );
    assert_eq!(doc_of_title("").declared_title, None);
    // The title is not a block of the body.
    assert!(doc_of_title("Headline | Site").blocks.is_empty());
}

fn doc_of_title(title: &str) -> Document {
    doc(&format!(
        "<html><head><title>{title}</title></head><body></body></html>"
    ))
}

#[test]
fn charset_from_meta() {
    // windows-1252: é = 0xE9, ’ = 0x92, “ ” = 0x93 0x94, — = 0x97.
    let page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head>\
        <body><p>Saint-R\xe9my\x92s \x93cheese\x94 \x97 gold</p></body></html>";
    let doc = match parse_bytes(page) {
        Ok(doc) => doc,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        doc.blocks[0].text,
        "Saint-R\u{e9}my\u{2019}s \u{201c}cheese\u{201d} \u{2014} gold"
    );
    assert_eq!(doc.declared_title.as_deref(), Some("Caf\u{e9}"));
}

#[test]
fn charset_from_http_equiv_and_react_charset() {
    let page = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\"><p>na\xefve</p>";
    assert_eq!(
        parse_bytes(page).map(|d| d.blocks[0].text.clone()),
        Ok("na\u{ef}ve".into())
    );
    let page = b"<meta charSet='windows-1252'/><p>\x93q\x94</p>";
    assert_eq!(
        parse_bytes(page).map(|d| d.blocks[0].text.clone()),
        Ok("\u{201c}q\u{201d}".into())
    );
}

#[test]
fn charset_from_bom() {
    let mut page = vec![0xff, 0xfe];
    for unit in "<p>caf\u{e9}</p>".encode_utf16() {
        page.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(
        parse_bytes(&page).map(|d| d.blocks[0].text.clone()),
        Ok("caf\u{e9}".into())
    );
    let page = b"\xef\xbb\xbf<meta charset=windows-1252><p>caf\xc3\xa9</p>";
    assert_eq!(
        parse_bytes(page).map(|d| d.blocks[0].text.clone()),
        Ok("caf\u{e9}".into())
    );
}

#[test]
fn charset_detected_when_undeclared() {
    let page = b"<p>Le fromage affin\xe9 de la coop\xe9rative a \xe9t\xe9 prim\xe9 \xe0 la foire. \
        C\x92est une r\xe9ussite pour les \xe9leveurs de la vall\xe9e.</p>";
    let doc = parse_bytes(page).map(|d| d.blocks[0].text.clone());
    assert_eq!(
        doc,
        Ok("Le fromage affin\u{e9} de la coop\u{e9}rative a \u{e9}t\u{e9} prim\u{e9} \u{e0} la foire. \
            C\u{2019}est une r\u{e9}ussite pour les \u{e9}leveurs de la vall\u{e9}e."
            .into())
    );
    // Valid UTF-8 is UTF-8, even under an old legacy declaration.
    let page = "<meta charset=iso-8859-1><p>caf\u{e9} \u{2019}</p>".as_bytes();
    assert_eq!(
        parse_bytes(page).map(|d| d.blocks[0].text.clone()),
        Ok("caf\u{e9} \u{2019}".into())
    );
}

#[test]
fn deeply_nested_elements_do_not_overflow() {
    // Block elements: nesting past the cap is flattened before parsing.
    let n = 100_000;
    let html = format!(
        "<html><body>{}<p>Deep text</p>{}<p>After</p></body></html>",
        "<div class=x>".repeat(n),
        "</div>".repeat(n)
    );
    let doc = doc(&html);
    assert_eq!(doc.blocks.len(), 2);
    assert_eq!(doc.blocks[0].text, "Deep text");
    assert_eq!(doc.blocks[1].text, "After");
    assert!(doc.blocks[0].dom.as_ref().is_some_and(|d| d.depth > 500));

    // Lists nested inside list items (fewer: past the cap every `<li>` still
    // costs the parser a scan of the capped stack, which is slow in debug).
    let n = 20_000;
    let html = format!("{}Leaf{}", "<ul><li>".repeat(n), "</li></ul>".repeat(n));
    assert_eq!(texts(&html), ["Leaf"]);
}

#[test]
fn walk_is_iterative() {
    // Straight to the walk, past the depth cap: 100,000 nested elements.
    let n = 100_000;
    let html = format!(
        "<p>{}deep <a href=x>link</a> text<br>Second line{}</p><p>After</p>",
        "<span class=s>".repeat(n),
        "</span>".repeat(n)
    );
    let dom = super::sink::parse(&html);
    let doc = walk::build(&dom);
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["deep link text", "Second line", "After"]);
}

#[test]
fn large_page() {
    let paragraph = "<p>The council voted on Tuesday to close the old library, ending a decade of debate over its future.</p>\n";
    let n = 40_000; // about 4 MB
    let html = format!(
        "<html><head><title>Big | Site</title></head><body><article>{}</article></body></html>",
        paragraph.repeat(n)
    );
    assert!(html.len() > 4_000_000);
    let doc = doc(&html);
    assert_eq!(doc.blocks.len(), n);
    assert_eq!(doc.blocks[n - 1].line, n);
}

#[test]
fn misnested_formatting_keeps_all_text() {
    // `</b>` across a `<div>` of paragraphs runs the adoption agency, which
    // moves the paragraphs under a new `<b>`, then moves the last one out
    // again. Every moved node must know its new parent: through scraper
    // (ego-tree 0.10 sets it on the first and last only), "three after" was
    // lost.
    assert_eq!(
        texts("<body><b><div><p>one</p><p>two</p><p>three</b> after</body>"),
        ["one", "two", "three after"]
    );
}

#[test]
fn empty_and_junk_input_never_panics() {
    assert!(doc("").is_empty());
    assert!(doc("   \n\t").is_empty());
    assert_eq!(doc("").declared_title, None);
    assert_eq!(texts("just text, no tags"), ["just text, no tags"]);
    assert_eq!(
        texts("<<<>>>< p>&&;&#xFFFFFF;&#0;</div></p></table>"),
        ["<<<>>>< p>&&;\u{fffd}\u{fffd}"]
    );
    assert!(parse_bytes(b"").is_ok_and(|d| d.is_empty()));
    // Binary data is refused with a message.
    let binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(parse_bytes(&binary).is_err_and(|m| m.contains("binary")));
    let zeros = vec![0u8; 1000];
    assert!(parse_bytes(&zeros).is_err_and(|m| m.contains("binary")));
    assert!(parse_str("\0\0\0\0\0\0\0\0\0\0\0\u{1}\u{2}").is_err());
    // Unterminated constructs.
    for junk in [
        "<p",
        "<!--",
        "<script>",
        "<table><tr><td>",
        "<meta charset=",
        "<svg><p>x",
        "</",
        "<title>",
        "<a href='",
        "<plaintext>x<p>y",
    ] {
        assert!(parse_str(junk).is_ok(), "{junk}");
        assert!(parse_bytes(junk.as_bytes()).is_ok(), "{junk}");
    }
}

#[test]
fn head_text_is_not_output() {
    let doc = doc(
        "<html><head><title>Title text</title><meta name=description content=Desc></head>\
         <body><p>Body</p><title>Second title</title></body></html>",
    );
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["Body"]);
}

#[test]
fn custom_elements_are_boxes() {
    assert_eq!(
        texts("<amp-sidebar>Menu</amp-sidebar>Text<amp-ad><div placeholder>Loading</div></amp-ad>"),
        ["Menu", "Text", "Loading"]
    );
}

#[test]
fn react_streamed_segments_are_not_hidden() {
    let doc = doc(
        "<template id=\"B:0\"></template><div hidden id=\"S:0\"><p>Streamed body.</p></div>\
         <div hidden id=\"S:menu\"><p>Other hidden.</p></div>",
    );
    assert!(!dom_of(&doc, "Streamed body.").landmarks.hidden);
    assert!(dom_of(&doc, "Other hidden.").landmarks.hidden);
}

#[test]
fn comment_state_classes_are_not_comment_sections() {
    let doc = doc("<body class=\"single comments-open\"><article class=\"post has-comments\">\
         <p>Story.</p></article><div class=\"tonal--tone-comment\"><p>Opinion.</p></div>\
         <div class=commented><p>Also story.</p></div><ol class=commentlist><li>Reader.</li></ol></body>");
    assert!(!dom_of(&doc, "Story.").landmarks.comments);
    assert!(!dom_of(&doc, "Opinion.").landmarks.comments);
    assert!(!dom_of(&doc, "Also story.").landmarks.comments);
    assert!(dom_of(&doc, "Reader.").landmarks.comments);
}

#[test]
fn ruby_annotations_are_not_text() {
    assert_eq!(
        texts("<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもを<ruby>守<rt>まも</rt></ruby>る。</p>"),
        ["子どもを守る。"]
    );
}

// The ledger page's own check, run on the resident's phone (docs/fees-ledger.md, "The hash input"):
// for every published statement, oldest first, SHA-256 over the UTF-8 bytes of its canonical JSON must
// equal its hash; the JSON's previous_hash must be the month before's hash ("" for the first) and its
// sequence the month's place in the chain; the opening balance the month before's closing one, and the
// closing = opening + income − expenses; the figures (and the totals: the sums of the hashed
// categories) and the entries this page shows must be the hashed ones. No external script: WebCrypto.
(function () {
  "use strict";
  var verdict = document.getElementById("verdict");
  var source = document.getElementById("ledger-chain");
  if (!verdict || !source) return;

  function say(state, text) {
    verdict.textContent = text;
    verdict.setAttribute("data-state", state);
    verdict.className = "verdict " + state;
  }
  function hex(buffer) {
    return Array.prototype.map
      .call(new Uint8Array(buffer), function (b) { return ("0" + b.toString(16)).slice(-2); })
      .join("");
  }
  function monthName(period) {
    var m = /^(\d{4})-(\d{2})$/.exec(period);
    return m ? m[1] + "年" + Number(m[2]) + "月" : period;
  }
  function valueAt(object, path) {
    return path.split(".").reduce(function (o, k) {
      return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
    }, object);
  }
  function byId(a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; }
  function keys(o) { return o !== null && typeof o === "object" ? Object.keys(o).length : -1; }
  function total(o) {
    return o !== null && typeof o === "object"
      ? Object.keys(o).reduce(function (t, k) { return t + o[k]; }, 0) : NaN;
  }

  // What the section of this month shows, against what was hashed.
  function shownProblems(section, content) {
    var problems = [];
    var figures = section.querySelectorAll("[data-check]");
    var income = 0, expenses = 0, amountsOk = true, sharesOk = true, i;
    for (i = 0; i < figures.length; i++) {
      var key = figures[i].getAttribute("data-check");
      if (key.indexOf("income.") === 0) income++;
      if (key.indexOf("expenses.") === 0) expenses++;
      if (valueAt(content, key) !== Number(figures[i].getAttribute("data-fen"))) amountsOk = false;
    }
    var bps = section.querySelectorAll("[data-check-bp]");
    var shares = bps.length;
    for (i = 0; i < bps.length; i++) {
      var path = "expense_shares_bp." + bps[i].getAttribute("data-check-bp");
      if (valueAt(content, path) !== Number(bps[i].getAttribute("data-bp"))) sharesOk = false;
    }
    var sums = section.querySelectorAll("[data-sum]");
    for (i = 0; i < sums.length; i++) {
      var sum = total(content[sums[i].getAttribute("data-sum")]);
      if (sum !== Number(sums[i].getAttribute("data-fen"))) amountsOk = false;
    }
    if (!amountsOk) problems.push("显示的金额与公示原文不符");
    if (!sharesOk) problems.push("显示的占比与公示原文不符");
    if (income !== keys(content.income) || expenses !== keys(content.expenses) ||
        shares !== keys(content.expense_shares_bp)) {
      problems.push("显示的收支类别与公示原文不符");
    }
    if (section.getAttribute("data-entries-shown") === "1") {
      var rows = section.querySelectorAll("[data-entry]");
      var shown = [];
      for (i = 0; i < rows.length; i++) {
        var r = rows[i];
        shown.push([r.getAttribute("data-entry"), r.getAttribute("data-kind"),
                    r.getAttribute("data-category"), Number(r.getAttribute("data-signed"))]);
      }
      var hashed = Array.isArray(content.entries) ? content.entries.slice() : [];
      if (JSON.stringify(shown.sort(byId)) !== JSON.stringify(hashed.sort(byId))) {
        problems.push("显示的明细与公示原文不符");
      }
    }
    return problems;
  }

  function check(chain, digests) {
    var before = "", closing = null, firstBad = null, i;
    for (i = 0; i < chain.length; i++) {
      var item = chain[i], problems = [], content = null;
      if (digests[i] !== item.hash) problems.push("本机重算的校验码与公布的不符（内容被改动）");
      try { content = JSON.parse(item.canonical_json); } catch (e) { problems.push("哈希原文不是 JSON"); }
      if (content !== null && typeof content === "object") {
        if (content.v !== 1) problems.push("公示格式版本未知");
        if (content.period !== item.period) problems.push("月份与公示原文不符");
        if (content.sequence !== i + 1) problems.push("期号不连续");
        if (content.previous_hash !== before || item.previous_hash !== before) {
          problems.push("未链接到上一期的校验码");
        }
        if (closing !== null && content.opening_balance_fen !== closing) {
          problems.push("上月结余与上一期的本月结余不符");
        }
        if (content.closing_balance_fen !==
            content.opening_balance_fen + total(content.income) - total(content.expenses)) {
          problems.push("本月结余不等于上月结余加收入减支出");
        }
        closing = content.closing_balance_fen;
        var section = document.querySelector('section.month[data-period="' + item.period + '"]');
        if (section) problems = problems.concat(shownProblems(section, content));
      } else if (content !== null) {
        problems.push("哈希原文不是 JSON 对象");
      }
      var badge = document.querySelector('[data-badge="' + item.period + '"]');
      if (badge) {
        badge.textContent = problems.length ? "✗ " + problems.join("；") : "✓ 已核验";
        badge.className = "badge " + (problems.length ? "bad" : "ok");
      }
      if (problems.length && firstBad === null) firstBad = monthName(item.period) + "的公示" + problems[0];
      before = item.hash;
    }
    var sections = document.querySelectorAll("section.month");
    var hashed = {};
    for (i = 0; i < chain.length; i++) hashed[chain[i].period] = true;
    for (i = 0; i < sections.length; i++) {
      var period = sections[i].getAttribute("data-period");
      if (hashed[period]) continue;
      var orphan = document.querySelector('[data-badge="' + period + '"]');
      if (orphan) { orphan.textContent = "✗ 不在校验数据中"; orphan.className = "badge bad"; }
      if (firstBad === null) firstBad = monthName(period) + "的公示不在校验数据中";
    }
    if (firstBad !== null) say("bad", "✗ 核验未通过：" + firstBad);
    else say("ok", "✓ 已核验：" + chain.length + " 个月的公示未被改动");
  }

  var chain;
  try { chain = JSON.parse(source.textContent); } catch (e) { say("bad", "✗ 核验未通过：页面中的公示数据不完整"); return; }
  if (!Array.isArray(chain) || chain.length === 0) { say("none", "尚未发布收支公示"); return; }
  if (!window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    say("unsupported", "本浏览器无法在本页核验（请用 https 打开本页），也可下载校验数据自行核验");
    return;
  }
  var encoder = new TextEncoder();
  Promise.all(chain.map(function (item) {
    return window.crypto.subtle.digest("SHA-256", encoder.encode(String(item.canonical_json))).then(hex);
  })).then(function (digests) { check(chain, digests); },
           function () { say("bad", "✗ 核验未能完成：本机无法计算校验码"); });
})();

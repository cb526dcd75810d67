// The page's inline stylesheet and scripts. No fonts, images or scripts are
// loaded from anywhere: the page is one file. Everything but the table sorting,
// the supplier filter and the SKU search works without JavaScript.
#include "report/page.h"

namespace invplan::report {

const char* const kStyle = R"css(
:root{--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--accent:#2563eb;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{position:sticky;top:0;z-index:2;background:#f9fafb;border-bottom:1px solid var(--line);padding:8px 24px;display:flex;gap:24px;align-items:baseline;flex-wrap:wrap}
header h1{font-size:20px;margin:0}
nav a{margin-right:14px;color:var(--accent);text-decoration:none}
main{max-width:1100px;margin:0 auto;padding:8px 24px 40px}
h2{font-size:18px;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:32px}
h3{font-size:15px;margin:20px 0 6px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.figures{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.figure{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:180px}
.figure .label{color:var(--muted);font-size:12px}.figure .value{font-size:18px;font-weight:600}
.figure .note,.note{color:var(--muted);font-size:12px}
svg.chart{width:100%;height:auto;max-width:900px;display:block}
svg.meter{width:200px;height:14px;display:block;margin-top:4px}
figure{margin:8px 0}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f9fafb;position:sticky;top:44px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.sortable th{cursor:pointer}
th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
tr.changed td{background:#fef3c7}
tr.status-failed td{background:#fee2e2}
.warn{color:#b91c1c}
.tag{font-size:11px;border-radius:8px;padding:0 6px;background:#e5e7eb;color:#374151;font-weight:400}
.tag-ordered{background:#dbeafe}.tag-anomalies{background:#fce7f3}.tag-backtest{background:#ffedd5}
ul.index{columns:4 160px;padding-left:18px;font-size:13px}
section.sku{border-top:1px solid var(--line);margin-top:14px}
p.meta{color:var(--muted);margin:2px 0}
.controls{margin:8px 0}.controls input,.controls select{font:inherit;padding:2px 6px}
.js-only{display:none}html.js .js-only{display:block}
.hidden{display:none}
footer{color:var(--muted);font-size:12px;text-align:center;padding:16px}
)css";

// Runs before anything else: script errors, console errors and blocked loads
// (Content-Security-Policy violations) are recorded for the page's self-check
// (#selftest).
const char* const kErrorHook = R"js(
window.invplanErrors=[];
window.addEventListener('error',function(e){window.invplanErrors.push(String(e.message))});
document.addEventListener('securitypolicyviolation',function(e){
  window.invplanErrors.push('blocked: '+e.blockedURI+' ('+e.violatedDirective+')')});
(function(){var original=console.error;console.error=function(){
  window.invplanErrors.push(Array.prototype.join.call(arguments,' '));
  return original.apply(console,arguments);};})();
document.documentElement.className+=' js';
)js";

const char* const kScript = R"js(
(function(){
'use strict';
function cellValue(row,i){
  var c=row.cells[i];if(!c)return '';
  var v=c.getAttribute('data-v');
  if(v!==null){var n=parseFloat(v);return isNaN(n)?-Infinity:n;}
  return c.textContent.trim().toLowerCase();
}
function sortTable(table,i,th){
  var body=table.tBodies[0];if(!body)return;
  var asc=th.getAttribute('aria-sort')!=='ascending';
  var ths=table.tHead.rows[0].cells;
  for(var k=0;k<ths.length;k++)ths[k].removeAttribute('aria-sort');
  th.setAttribute('aria-sort',asc?'ascending':'descending');
  var rows=Array.prototype.slice.call(body.rows);
  rows.forEach(function(r,k){r._pos=k;});
  rows.sort(function(a,b){
    var x=cellValue(a,i),y=cellValue(b,i);
    if(x<y)return asc?-1:1;if(x>y)return asc?1:-1;return a._pos-b._pos;
  });
  rows.forEach(function(r){body.appendChild(r);});
}
Array.prototype.forEach.call(document.querySelectorAll('table.sortable'),function(t){
  if(!t.tHead)return;
  Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){
    th.addEventListener('click',function(){sortTable(t,i,th);});
  });
});
var filter=document.getElementById('supplier-filter');
function applyFilter(){
  var table=document.getElementById('orders-table');if(!table)return;
  var want=filter.value,shown=0,rows=table.tBodies[0].rows;
  for(var k=0;k<rows.length;k++){
    var ok=want===''||rows[k].getAttribute('data-supplier')===want;
    rows[k].classList.toggle('hidden',!ok);if(ok)shown++;
  }
  document.getElementById('orders-shown').textContent=shown+' of '+rows.length+' lines';
}
if(filter){filter.addEventListener('change',applyFilter);applyFilter();}
var search=document.getElementById('sku-search');
function applySearch(){
  var q=search.value.trim().toLowerCase(),shown=0;
  var items=document.querySelectorAll('#sku-index li, section.sku');
  Array.prototype.forEach.call(items,function(el){
    var ok=q===''||el.getAttribute('data-sku').indexOf(q)>=0;
    el.classList.toggle('hidden',!ok);if(ok&&el.tagName==='LI')shown++;
  });
  document.getElementById('skus-shown').textContent=shown+' SKUs';
}
if(search){search.addEventListener('input',applySearch);applySearch();}

// Self-check for automated tests: open the page with #selftest.
if(location.hash==='#selftest'){
  var r={errors:window.invplanErrors};
  var secs=document.querySelectorAll('section.sku');
  r.skuSections=secs.length;
  r.skuSectionsWithOneChart=Array.prototype.filter.call(secs,function(s){
    return s.querySelectorAll('svg.chart').length===1;}).length;
  r.indexEntries=document.querySelectorAll('#sku-index li').length;
  r.charts=document.querySelectorAll('svg.chart').length;
  var t=document.getElementById('orders-table');
  r.orderRows=t?t.tBodies[0].rows.length:0;
  if(t&&t.tBodies[0].rows.length>1){
    var th=t.querySelector('th[data-key=cost]'),col=th.cellIndex;
    var values=function(){return Array.prototype.map.call(t.tBodies[0].rows,function(x){
      return parseFloat(x.cells[col].getAttribute('data-v'));});};
    var sorted=function(v,asc){for(var k=1;k<v.length;k++){
      if(asc?v[k-1]>v[k]:v[k-1]<v[k])return false;}return true;};
    th.click();var a=values();th.click();var b=values();
    r.sortAscending=sorted(a,true);r.sortDescending=sorted(b,false);
    if(filter&&filter.options.length>1){
      filter.value=filter.options[1].value;applyFilter();
      var vis=Array.prototype.filter.call(t.tBodies[0].rows,function(x){
        return !x.classList.contains('hidden');});
      r.filterWorks=vis.length>0&&vis.every(function(x){
        return x.getAttribute('data-supplier')===filter.value;});
      filter.value='';applyFilter();
    }
  }
  if(search&&secs.length>0){
    search.value=secs[0].getAttribute('data-sku');applySearch();
    r.searchShows=document.querySelectorAll('section.sku:not(.hidden)').length;
    search.value='';applySearch();
  }
  var out=document.getElementById('selftest-result');
  out.textContent='SELFTEST '+JSON.stringify(r)+' END';out.hidden=false;
}
})();
)js";

}  // namespace invplan::report

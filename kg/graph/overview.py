"""The compact view of a graph, counted by the engine when the store is built.

`kg stats` and the overview page need the graph's figures and its network of actors,
agreements, issues and sectors, not its hundreds of thousands of pledges, stances and
spans one by one. Reading those out of the store from Python costs seconds per hundred
thousand rows, so the figures are counted by Oxigraph in a few aggregate queries when
the store is built and kept in its index (`kg-index.sqlite`), which is rebuilt exactly
when the store is:

- `view_counts`: how many nodes of each class and edges of each relation the NetworkX view
  of the graph (`kg.see.view`) has (`kind` 'class' or 'relation');
- `view_nodes`: every actor, agreement, issue and sector with its most specific class, its
  label, its date, and how many pledges, stances and documents it has;
- `view_links`: weighted links between two of those nodes, one row per pair and kind:
  an actor's pledges under an agreement (`pledge`) or on a sector (`sector`), its stances
  on an issue (`supports`, `opposes`), and the direct relations between them (`party`,
  `represents`, `memberOf`, `basedIn`), each counted. Joint pledges of two actors are the
  `shared` table's co-pledgers (`kg.graph.index`).

Only pyoxigraph and the standard library are used.
"""
from __future__ import annotations

import sqlite3

KGO = "https://w3id.org/kg/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCT_DATE = "http://purl.org/dc/terms/date"

FOLDED = (KGO + "Amount", KGO + "Position")    # values of other nodes, not nodes (kg.see.view)
OVERVIEW_CLASSES = ("Agreement", "Issue", "Sector")  # beside every kind of actor
# Relations drawn as they are between two nodes of the overview (kgo:supports and kgo:opposes
# are left to the stances they repeat); a membership node stands for a memberOf link.
DIRECT = ("party", "represents", "memberOf", "basedIn")

PREFIX = f"PREFIX kgo: <{KGO}> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
VIEW_CLASS = (f'FILTER(isIRI({{s}}) && STRSTARTS(STR({{c}}), "{KGO}") && '
              f'{{c}} NOT IN ({", ".join(f"<{c}>" for c in FOLDED)}))')


# The facts of a kind as a subquery: joined by hashing, where a type pattern in line is looked up per
# solution (four times slower on the pledges of a million triples)
PLEDGES = "{ SELECT ?f WHERE { ?f a kgo:Pledge } }"
STANCES = "{ SELECT ?f WHERE { ?f a kgo:Stance } }"


def _view_class(s: str, c: str) -> str:
    """The filter that `s` is a node of the view, of class `c`."""
    return VIEW_CLASS.format(s=s, c=c)


def local(iri: str) -> str:
    return iri[len(KGO):] if iri.startswith(KGO) else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def fill_compact_view(db: sqlite3.Connection, store, actor_classes: set[str]) -> None:
    """Write the tables of the compact view (see the module's text) of the store's graph;
    `actor_classes` are the IRIs of kgo:Actor and the classes below it."""
    db.executescript("""
        CREATE TABLE view_counts (kind TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL);
        CREATE TABLE view_nodes (iri TEXT PRIMARY KEY, cls TEXT NOT NULL, actor INTEGER NOT NULL,
                                 label TEXT NOT NULL, date TEXT, pledges INTEGER NOT NULL,
                                 stances INTEGER NOT NULL, documents INTEGER NOT NULL);
        CREATE TABLE view_links (source TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL,
                                 count INTEGER NOT NULL);
    """)

    def rows(query: str):
        return ([t.value if t is not None else None for t in r] for r in store.query(PREFIX + query))

    # one class per node: the most specific the graph states, the first by name on a tie, kgo:Actor
    # last; counted per class where no node has two (one grouping, against a grouping per node)
    actor = KGO + "Actor"
    classes = list(rows(f"SELECT ?c (COUNT(?s) AS ?n) WHERE {{ ?s a ?c . {_view_class('?s', '?c')} }} GROUP BY ?c"))
    stated = " ".join(f"<{c}>" for c, _ in classes)
    typed, nodes_typed = next(rows(f"SELECT (COUNT(?s) AS ?n) (COUNT(DISTINCT ?s) AS ?m) WHERE {{ VALUES ?c {{ {stated} }} ?s a ?c }}"))
    # both ends typed with a class of the view; each set of typed nodes a subquery, which Oxigraph
    # joins by hashing (0.9 s on a million triples, against 3.2 s with the type patterns joined in
    # line); counted over distinct triples where a node has two of those classes
    edges = f"""{{ SELECT ?o WHERE {{ VALUES ?d {{ {stated} }} ?o a ?d }} }} ?s ?p ?o . FILTER(?p != rdf:type)
                {{ SELECT ?s WHERE {{ VALUES ?c {{ {stated} }} ?s a ?c }} }}"""
    if typed != nodes_typed:
        classes = [(actor if c == "~" else c, n) for c, n in rows(f"""SELECT ?cls (COUNT(?s) AS ?n) WHERE {{
            {{ SELECT ?s (MIN(IF(?c = kgo:Actor, "~", STR(?c))) AS ?cls) WHERE {{ ?s a ?c . {_view_class('?s', '?c')} }}
               GROUP BY ?s }} }} GROUP BY ?cls""")]
        edges = f"{{ SELECT DISTINCT ?s ?p ?o WHERE {{ {edges} }} }}"
    db.executemany("INSERT INTO view_counts VALUES ('class', ?, ?)", ((local(c), int(n)) for c, n in classes))
    relations = rows(f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {edges} }} GROUP BY ?p")
    db.executemany("INSERT INTO view_counts VALUES ('relation', ?, ?)", ((local(p), int(n)) for p, n in relations))

    wanted = sorted(actor_classes | {KGO + c for c in OVERVIEW_CLASSES})
    values = " ".join(f"<{c}>" for c in wanted)
    types: dict[str, set[str]] = {}
    found: dict[str, tuple] = {}
    for s, c, label, date in rows(f"""SELECT ?s ?c (MIN(?l) AS ?label) (MIN(STR(?d)) AS ?date) WHERE {{
            VALUES ?c {{ {values} }} ?s a ?c . FILTER(isIRI(?s))
            OPTIONAL {{ ?s <{RDFS_LABEL}> ?l }} OPTIONAL {{ ?s <{DCT_DATE}> ?d }} }} GROUP BY ?s ?c"""):
        types.setdefault(s, set()).add(c)
        found[s] = (label if label is not None else local(s), date)
    nodes: dict[str, list] = {}
    for s, stated in types.items():
        c = min(stated - {actor} or stated)  # as kg.see.view: the first by name, kgo:Actor only alone
        nodes[s] = [local(c), int(c in actor_classes), *found[s], 0, 0, 0]
    for x, p, n in rows(f"""SELECT ?x ?p (COUNT(*) AS ?n) WHERE {{
            VALUES ?p {{ kgo:pledgedBy kgo:underAgreement kgo:concernsSector }} ?f ?p ?x . {PLEDGES} }}
            GROUP BY ?x ?p"""):
        if x in nodes:
            nodes[x][4] += int(n)  # an actor's pledges, an agreement's, a sector's: one relation each
    for x, n in rows(f"""SELECT ?x (COUNT(*) AS ?n) WHERE {{
            VALUES ?p {{ kgo:heldBy kgo:onIssue }} ?f ?p ?x . {STANCES} }} GROUP BY ?x"""):
        if x in nodes:
            nodes[x][5] = int(n)
    for x, n in rows("SELECT ?x (COUNT(*) AS ?n) WHERE { ?x kgo:mentionedIn ?d } GROUP BY ?x"):
        if x in nodes:
            nodes[x][6] = int(n)
    db.executemany("INSERT INTO view_nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   ((s, *v) for s, v in sorted(nodes.items())))

    links: dict[tuple[str, str, str], int] = {}

    def add(source: str, target: str, kind: str, n: int) -> None:
        if source in nodes and target in nodes and source != target:
            links[(source, target, kind)] = links.get((source, target, kind), 0) + n

    for a, p, x, n in rows(f"""SELECT ?a ?p ?x (COUNT(*) AS ?n) WHERE {{
            VALUES ?p {{ kgo:underAgreement kgo:concernsSector }} ?f kgo:pledgedBy ?a ; ?p ?x . {PLEDGES} }}
            GROUP BY ?a ?p ?x"""):
        add(a, x, "pledge" if p == KGO + "underAgreement" else "sector", int(n))
    for a, pos, x, n in rows(f"""SELECT ?a ?pos ?x (COUNT(*) AS ?n) WHERE {{
            ?f kgo:heldBy ?a ; kgo:position ?pos ; kgo:onIssue ?x . {STANCES} }} GROUP BY ?a ?pos ?x"""):
        add(a, x, local(pos), int(n))
    direct = " ".join(f"kgo:{p}" for p in DIRECT)
    for s, p, o in rows(f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {direct} }} ?s ?p ?o . FILTER(isIRI(?o)) }}"):
        if local(p) == "party":   # an agreement's party: the actor's link to the agreement
            s, o = o, s
        add(s, o, local(p), 1)
    for a, o, n in rows("""SELECT ?a ?o (COUNT(*) AS ?n) WHERE { ?m kgo:member ?a ; kgo:organization ?o }
            GROUP BY ?a ?o"""):
        add(a, o, "memberOf", int(n))
    db.executemany("INSERT INTO view_links VALUES (?, ?, ?, ?)", ((*k, n) for k, n in sorted(links.items())))
    db.executescript("""
        CREATE INDEX view_links_source ON view_links (source);
        CREATE INDEX view_links_target ON view_links (target);
    """)

# bash completion for incmap. Installed as
# PREFIX/share/bash-completion/completions/incmap (loaded on demand by
# bash-completion), or source it from ~/.bashrc.
#
# The options are read from "incmap COMMAND --help" of the incmap being
# completed, so they always match the installed version.

_incmap_options()
{
    # Every --long-option and -x short option the help text of a command lists.
    local cmd=$1 prog=${2:-incmap}
    {
    if [[ -z $cmd ]]; then
        "$prog" --help 2>/dev/null
    else
        "$prog" "$cmd" --help 2>/dev/null
    fi | sed '/^Environment:/,$d' | grep -o -e '--[a-z][-a-z]*' -e '^ *-[a-zA-Z],' | tr -d ' ,'
    # Every command takes these.
    [[ -z $cmd ]] || printf '%s\n' -h -q -v --help --quiet --verbose
    } | sort -u
}

# Values of the options that take one of a fixed set (prints nothing for
# others; the caller then completes file names).
_incmap_values()
{
    case $1 in
        --format) echo "png svg pdf" ;;
        --color-by) echo "weapon date event_type actor1 type_of_violence" ;;
        --size-by) echo "casualties count" ;;
        --theme) echo "light dark print" ;;
        --labels) echo "both en ar none" ;;
        --stack) echo "auto dodge cluster none" ;;
        --density) echo "auto hex grid none" ;;
        --facet) echo "month quarter year weapon none" ;;
        --units) echo "km mi nmi" ;;
        --legend-pos|--scale-bar-pos|--north-arrow-pos|--inset-pos) echo "auto tl tr bl br" ;;
        --basemap) echo "none middle-east" ;;
        --crs) echo "EPSG:4326 EPSG:3857 EPSG:32637 EPSG:32638 EPSG:32639" ;;
        --png-level) echo "0 1 2 3 4 5 6 7 8 9" ;;
        --weapon) echo "rocket drone mortar ied missile small-arms other" ;;
        --shard) echo "auto" ;;
        --last) echo "P1D P7D P14D P30D P1M P3M P1Y" ;;
        --field) echo "id= date= weapon= site= lat= lon= count= casualties= source=" ;;
    esac
}

_incmap()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local prog=${COMP_WORDS[0]} cmd="" i w
    # The command is the first word that is not an option (-q and -v may
    # come before it).
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ $w != -* ]]; then
            cmd=$w
            break
        fi
    done
    COMPREPLY=()
    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "-q -v -h --quiet --verbose --help --version" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "render validate info batch help" -- "$cur"))
        fi
        return 0
    fi
    local values
    values=$(_incmap_values "$prev")
    if [[ -n $values ]]; then
        COMPREPLY=($(compgen -W "$values" -- "$cur"))
        return 0
    fi
    case $prev in
        --output-root)
            COMPREPLY=($(compgen -d -- "$cur"))
            return 0 ;;
        -o|--output|--style|--layer|--summary|--title|--subtitle|--source|--bbox|--size|\
        --dpi|--from|--to|--now|--only|--jobs|-j|--shard-count|--stack-threshold|--max-*)
            COMPREPLY=($(compgen -f -- "$cur"))
            return 0 ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_incmap_options "$cmd" "$prog")" -- "$cur"))
        return 0
    fi
    # Operands: incident files (render, validate, info) or a manifest (batch).
    local IFS=$'\n'
    if [[ $cmd == batch ]]; then
        COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
    else
        COMPREPLY=($(compgen -f -X '!*.@(json|geojson|csv|tsv)' -- "$cur") $(compgen -d -- "$cur"))
    fi
    return 0
}
shopt -s extglob
complete -o filenames -F _incmap incmap
